{
  basic = map (x: x * 2) [ 1 2 3 ];
  empty = map (throw "f") [ ];
  lazy = builtins.length (map (throw "f") [ 1 2 ]);
  builtin = builtins.map builtins.typeOf [ 1 "a" null ];
  partial = map (builtins.add 1) [ 1 2 ];
}
