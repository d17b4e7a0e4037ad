[
  (builtins.elemAt [ (-11) 19 (-5) (-14) 25 (-15) (-25) 0 ] 1)
  (builtins.foldl' (acc: v: acc * 2 + v) 0 [  ])
  (builtins.concatLists [ [  ] [ ] [ [ (-11) 19 (-5) (-14) 25 (-15) (-25) ] ] ])
  (builtins.sort (a: b: a < b) [ (-11) 19 (-5) (-14) 25 (-15) (-25)  ])
]
