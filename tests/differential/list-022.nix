[
  ([ 28 (-22) 46 26 12 (-21) 45 ] < [ (-3) 38 ])
  (builtins.sort (a: b: a < b) [ 28 (-22) 46 26 12 (-21) 45 (-3) 38 ])
  (builtins.genList (i: i * 1) 0)
  (builtins.concatLists [ [ (-3) 38 ] [ ] [ [ 28 (-22) 46 26 12 (-21) 45 ] ] ])
]
