[
  (builtins.filter (v: v > 20) [ (-16) 16 (-21) 5 26 ])
  ([ (-16) 16 (-21) 5 26 ] ++ [ 3 (-19) (-15) ])
  (builtins.elemAt [ (-16) 16 (-21) 5 26 0 ] 2)
  (map (v: v * v) [ (-16) 16 (-21) 5 26 ])
  (builtins.genList (i: i * 1) 5)
]
