# fetchTree takes no `name` (fetchGit does).
builtins.fetchTree { type = "path"; path = "/"; name = "foo"; }
