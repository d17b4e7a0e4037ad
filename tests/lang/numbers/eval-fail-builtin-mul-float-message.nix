builtins.mul 1.5 "x"
