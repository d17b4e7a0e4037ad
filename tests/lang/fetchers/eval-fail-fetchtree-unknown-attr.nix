# Each input type allows its own attributes only.
builtins.fetchTree { type = "path"; path = "/"; ref = "main"; }
