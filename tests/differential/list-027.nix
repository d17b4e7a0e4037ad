[
  ([ (-13) 41 ] == [  ])
  ([ (-13) 41 ] < [  ])
  (builtins.genList (i: i * 2) 1)
  (builtins.sort (a: b: a < b) [ (-13) 41  ])
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [  ])
]
