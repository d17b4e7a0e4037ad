builtins.sort (a: b: true) { }
