builtins.all (throw "f is forced") [ ]
