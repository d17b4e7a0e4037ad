[
  ([  ] ++ [ 27 44 ])
  (builtins.filter (v: v > 17) [  ])
  (builtins.genList (i: i * -1) 5)
  (map (v: v * v) [  ])
  (builtins.sort (a: b: a < b) [  27 44 ])
]
