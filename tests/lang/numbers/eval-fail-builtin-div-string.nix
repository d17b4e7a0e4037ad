builtins.div 1 "a"
