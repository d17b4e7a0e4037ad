builtins.findFile [ ] "x"
