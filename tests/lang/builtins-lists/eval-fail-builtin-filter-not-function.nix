builtins.filter 1 [ 1 ]
