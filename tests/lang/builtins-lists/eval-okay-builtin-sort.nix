{
  ints = builtins.sort builtins.lessThan [ 3 1 2 1 ];
  strings = builtins.sort builtins.lessThan [ "b" "a" "B" "" ];
  stable = builtins.sort (a: b: a.k < b.k) [ { k = 1; v = "a"; } { k = 0; v = "b"; } { k = 1; v = "c"; } { k = 0; v = "d"; } ];
  desc = builtins.sort (a: b: a > b) [ 1 5 3 ];
  empty = builtins.sort (a: throw "f") [ ];
  single = builtins.sort (a: throw "f") [ 1 ];
  long = builtins.sort (a: b: a < b) (builtins.genList (x: (x * 7919) - (x / 13) * 13 * 7919) 100);
  lists = builtins.sort builtins.lessThan [ [ 1 2 ] [ 1 ] [ 0 5 ] ];
}
