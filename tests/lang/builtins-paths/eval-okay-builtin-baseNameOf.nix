[
  (baseNameOf "/a/b/c") (baseNameOf "/a/b/c/") (baseNameOf "c") (baseNameOf "") (baseNameOf "/")
  (baseNameOf "a//") (baseNameOf "//") (baseNameOf /foo/bar) (baseNameOf /.)
  (baseNameOf { outPath = "/x/y"; }) (builtins.baseNameOf "x/y.nix")
  (builtins.typeOf (baseNameOf /a/b))
]
