[
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [ (-20) 3 (-30) 7 ])
  (builtins.genList (i: i * 2) 5)
  ([ 10 (-3) ] ++ [ (-20) 3 (-30) 7 ])
  (builtins.concatLists [ [ (-20) 3 (-30) 7 ] [ ] [ [ 10 (-3) ] ] ])
  (map (v: v * v) [ 10 (-3) ])
]
