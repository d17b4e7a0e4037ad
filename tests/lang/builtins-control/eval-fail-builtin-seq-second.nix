builtins.seq 1 (throw "second")
