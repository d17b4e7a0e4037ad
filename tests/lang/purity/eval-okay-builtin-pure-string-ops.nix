[ (baseNameOf ./a/b) (toString ./x) (builtins.typeOf ./.) ]
