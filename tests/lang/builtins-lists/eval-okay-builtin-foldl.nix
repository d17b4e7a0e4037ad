{
  sum = builtins.foldl' (a: b: a + b) 0 [ 1 2 3 ];
  order = builtins.foldl' (a: b: "(${a}${b})") "" [ "a" "b" "c" ];
  empty = builtins.foldl' (a: throw "f") 7 [ ];
  lazy-elem = builtins.foldl' (a: b: a + 1) 0 [ (throw "x") (throw "y") ];
  strict-acc = (builtins.tryEval (builtins.foldl' (a: b: b) 0 [ (throw "x") 1 ])).success;
  big = builtins.foldl' (a: b: a + b) 0 (builtins.genList (x: x) 10000);
}
