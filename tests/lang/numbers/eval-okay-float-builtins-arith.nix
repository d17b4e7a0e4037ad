with builtins; [ (add 1 0.5) (sub 1.5 1) (mul 2.5 2) (div 5 2.0) (lessThan 0.5 1) ]
