builtins.any (x: null) [ 1 ]
