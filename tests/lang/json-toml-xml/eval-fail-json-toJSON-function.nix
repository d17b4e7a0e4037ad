builtins.toJSON [ (x: x) ]
