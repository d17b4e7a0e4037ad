{
  basic = builtins.intersectAttrs { a = 1; b = 2; } { b = 3; c = 4; };
  empty = builtins.intersectAttrs { } { a = 1; };
  lazy = builtins.attrNames (builtins.intersectAttrs { a = throw "x"; } { a = throw "y"; });
}
