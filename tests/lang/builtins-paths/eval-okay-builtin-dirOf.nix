[
  (dirOf "/a/b/c") (dirOf "/a/b/c/") (dirOf "c") (dirOf "") (dirOf "/") (dirOf "/a")
  (dirOf "a/b") (dirOf "a//b") (dirOf /foo/bar) (dirOf /foo) (dirOf /.)
  (builtins.typeOf (dirOf /a/b)) (builtins.typeOf (dirOf "/a/b"))
  (dirOf { outPath = "/x/y"; }) (dirOf "//a")
]
