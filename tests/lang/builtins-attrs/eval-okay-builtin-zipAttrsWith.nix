{
  basic = builtins.zipAttrsWith (n: vs: { inherit n vs; }) [ { a = 1; b = 2; } { a = 3; c = 4; } { } ];
  empty = builtins.zipAttrsWith (n: throw "f") [ ];
  lazy = builtins.attrNames (builtins.zipAttrsWith (n: throw "f") [ { x = throw "a"; } ]);
  order = builtins.zipAttrsWith (n: vs: vs) [ { a = 1; } { a = 2; } { a = 3; } ];
}
