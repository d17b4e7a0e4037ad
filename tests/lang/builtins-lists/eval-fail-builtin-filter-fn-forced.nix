builtins.filter (throw "f is forced") [ ]
