[
  (builtins.sort (a: b: a < b) [ 0 (-30) 22 (-28) 3 (-13) ])
  (builtins.length [ 0 ])
]
