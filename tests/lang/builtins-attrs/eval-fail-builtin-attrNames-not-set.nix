builtins.attrNames [ 1 2 ]
