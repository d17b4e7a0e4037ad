builtins.sort (throw "f is forced") [ ]
