builtins.groupBy (throw "f is forced") [ ]
