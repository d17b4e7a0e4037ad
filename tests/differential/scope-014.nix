builtins.tryEval (if 26 > 1 then throw "big" else 40)
