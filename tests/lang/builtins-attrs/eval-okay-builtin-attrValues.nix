{
  empty = builtins.attrValues {};
  order = builtins.attrValues { b = 1; a = 2; c = 3; };
  lazy = builtins.length (builtins.attrValues { a = throw "x"; b = 1; });
}
