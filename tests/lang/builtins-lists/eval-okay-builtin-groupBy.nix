{
  basic = builtins.groupBy (x: if x > 2 then "big" else "small") [ 1 2 3 4 1 ];
  empty = builtins.groupBy (x: throw "f") [ ];
  lazy = builtins.length (builtins.groupBy (x: "k") [ (throw "x") ]).k;
}
