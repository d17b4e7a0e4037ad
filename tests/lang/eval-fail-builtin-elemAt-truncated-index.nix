builtins.elemAt [ 1 2 ] 100000000000000
