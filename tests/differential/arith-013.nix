(builtins.add ((builtins.add 28 (-((-12) * (-6)))) + (builtins.sub 20 37) - 23 + 12) (38 - (builtins.add ((builtins.div 50 7)) ((-28)))))
