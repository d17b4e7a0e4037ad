# A strict weak order with ties: equal keys keep their order (a stable sort).
let
  xs = [ { k = 2; i = 0; } { k = 1; i = 1; } { k = 2; i = 2; } { k = 0; i = 3; } { k = 1; i = 4; } { k = 2; i = 5; } { k = 0; i = 6; } ];
in map (x: x.i) (builtins.sort (a: b: a.k < b.k) xs)
