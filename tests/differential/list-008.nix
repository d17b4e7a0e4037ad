[
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [ 29 (-30) 35 5 ])
  ([  ] < [ 29 (-30) 35 5 ])
  ([  ] == [ 29 (-30) 35 5 ])
  (builtins.genList (i: i * 1) 0)
  (map (v: v * v) [  ])
]
