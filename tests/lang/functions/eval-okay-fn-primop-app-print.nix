with builtins; [ (add 1) (foldl' add) (elemAt [ 1 ]) ]
