builtins.concatMap (throw "f is forced") [ ]
