[
  (builtins.length [ 19 (-13) ])
  (builtins.elemAt [ 19 (-13) 0 ] 3)
  ([ 19 (-13) ] == [ (-16) 18 17 ])
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [ (-16) 18 17 ])
  (builtins.genList (i: i * 0) 0)
]
