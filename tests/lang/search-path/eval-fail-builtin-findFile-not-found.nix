builtins.findFile [ { path = "/nonexistent-dir"; prefix = ""; } ] "pkg"
