builtins.trace "before" (throw "after")
