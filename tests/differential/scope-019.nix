builtins.tryEval (if (-5) > (-7) then throw "big" else 23)
