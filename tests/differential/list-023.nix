[
  (builtins.length [ 48 ])
  (builtins.sort (a: b: a < b) [ 48 (-9) (-25) (-8) 24 ])
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [ (-9) (-25) (-8) 24 ])
]
