let s = { ${"a" + "b"} = 1; }; in builtins.attrNames s
