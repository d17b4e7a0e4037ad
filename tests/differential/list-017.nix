[
  (builtins.filter (v: v > 1) [  ])
  ([  ] ++ [ 13 ])
  (builtins.elemAt [  0 ] 0)
]
