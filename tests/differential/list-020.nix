[
  (builtins.sort (a: b: a < b) [ 22 43 26 34 16 (-11) 34  ])
  (builtins.length [ 22 43 26 34 16 (-11) 34 ])
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [  ])
]
