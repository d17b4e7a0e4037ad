builtins.trace "imported" { v = 1; }
