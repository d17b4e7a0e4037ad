builtins.zipAttrsWith (throw "f is forced") [ ]
