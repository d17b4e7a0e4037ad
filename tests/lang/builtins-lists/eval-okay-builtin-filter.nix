{
  basic = builtins.filter (x: x > 1) [ 1 2 3 ];
  empty = builtins.filter (x: throw "f") [ ];
  lazy = builtins.length (builtins.filter (x: true) [ (throw "x") ]);
}
