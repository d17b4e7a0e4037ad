builtins.findFile [ "x" ] "a"
