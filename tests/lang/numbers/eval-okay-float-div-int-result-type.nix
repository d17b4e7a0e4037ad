with builtins; [ (typeOf (4 / 2)) (typeOf (4.0 / 2)) (typeOf (4 / 2.0)) (typeOf (1 + 0.0)) ]
