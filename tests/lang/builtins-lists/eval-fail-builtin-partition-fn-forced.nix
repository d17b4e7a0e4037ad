builtins.partition (throw "f is forced") [ ]
