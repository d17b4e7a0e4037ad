[
  (builtins.toPath "/a/b/../c") (builtins.toPath "/a//b/") (builtins.typeOf (builtins.toPath "/x"))
  (builtins.toPath /a/b) (builtins.toPath "/") (builtins.toPath "/a/./b")
  (builtins.toPath { outPath = "/o"; })
]
