with builtins; [ (add 3 4) (sub 3 4) (mul 3 4) (div 12 4) (lessThan 1 2) (lessThan 2 1) ]
