builtins.foldl' (a: b: b) 0 [ 1 (throw "acc is forced") 2 ]
