builtins.match "(" "a"
