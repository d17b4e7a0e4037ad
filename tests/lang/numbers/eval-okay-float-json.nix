builtins.toJSON [ 1.5 0.1 1.0e20 100.0 (1.0 / 3) ]
