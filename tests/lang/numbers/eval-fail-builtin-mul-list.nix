builtins.mul 2 [ ]
