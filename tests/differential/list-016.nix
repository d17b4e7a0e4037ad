[
  (builtins.filter (v: v > 10) [ 34 ])
  (builtins.length [ 34 ])
]
