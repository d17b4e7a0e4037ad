builtins.foldl' (throw "f is forced") 0 [ ]
