builtins.tryEval (1 + "a")
