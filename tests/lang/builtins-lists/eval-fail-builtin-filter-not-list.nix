builtins.filter (x: true) 1
