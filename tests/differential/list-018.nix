[
  (builtins.genList (i: i * -3) 2)
  ([ (-24) 48 0 8 ] < [ 28 40 ])
]
