builtins.map 1 [ 1 ]
