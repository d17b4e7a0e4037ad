builtins.trace (builtins.trace "inner" "outer") (builtins.trace [ (x: x) builtins.add (builtins.add 1) ] 1)
