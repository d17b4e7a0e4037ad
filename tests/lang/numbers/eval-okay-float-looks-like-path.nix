let x = 1.0/0; in builtins.typeOf x
