builtins.bitOr 1 true
