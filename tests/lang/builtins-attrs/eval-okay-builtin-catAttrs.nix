{
  basic = builtins.catAttrs "a" [ { a = 1; } { b = 2; } { a = 3; } ];
  empty = builtins.catAttrs "a" [ ];
  lazy = builtins.length (builtins.catAttrs "a" [ { a = throw "x"; } ]);
}
