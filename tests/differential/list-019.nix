[
  ([ 16 25 3 ] == [ (-19) 32 ])
  (builtins.genList (i: i * 0) 2)
  (builtins.filter (v: v > 14) [ 16 25 3 ])
  ([ 16 25 3 ] ++ [ (-19) 32 ])
]
