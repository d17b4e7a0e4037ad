builtins.foldl' (a: b: a * b) 1 (builtins.genList (i: 1000) 7)
