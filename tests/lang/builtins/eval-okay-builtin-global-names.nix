[ (__add 1 2) (__length [ 1 ]) (builtins.typeOf map) (__head [ 3 ]) (fromTOML "x = 1").x ]
