with builtins; [ (typeOf ./x) (typeOf /x) (isPath ./x) (isPath "/x") (typeOf (./x + "a")) ]
