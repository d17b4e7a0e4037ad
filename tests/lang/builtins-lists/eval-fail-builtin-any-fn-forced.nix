builtins.any (throw "f is forced") [ ]
