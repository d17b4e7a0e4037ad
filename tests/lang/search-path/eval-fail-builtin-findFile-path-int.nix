builtins.findFile [ { path = 1; } ] "a"
