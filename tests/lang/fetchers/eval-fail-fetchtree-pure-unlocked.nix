# In pure evaluation mode fetchTree fetches only locked inputs (a `path` input is
# locked by its `narHash`).
builtins.fetchTree { type = "path"; path = "/nonexistent"; }
