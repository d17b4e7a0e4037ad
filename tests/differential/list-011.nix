[
  (builtins.genList (i: i * 0) 1)
  (builtins.elemAt [  0 ] 2)
]
