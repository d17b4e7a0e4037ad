builtins.add "a" 1.5
