[
  ([ 21 (-6) (-1) ] < [ (-16) (-25) 18 47 (-23) ])
  (builtins.filter (v: v > 5) [ 21 (-6) (-1) ])
  (builtins.concatLists [ [ (-16) (-25) 18 47 (-23) ] [ ] [ [ 21 (-6) (-1) ] ] ])
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [ (-16) (-25) 18 47 (-23) ])
  (builtins.elemAt [ 21 (-6) (-1) 0 ] 0)
]
