builtins.findFile { } "a"
