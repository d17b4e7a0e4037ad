[
  (builtins.elemAt [ 5 (-19) 2 31 0 ] 3)
  ([ 5 (-19) 2 31 ] ++ [ (-7) 15 9 ])
  (builtins.genList (i: i * 3) 4)
  (builtins.filter (v: v > 6) [ 5 (-19) 2 31 ])
]
