[
  (builtins.genList (i: i * -3) 3)
  ([ 24 42 ] ++ [  ])
]
