(builtins.add (((builtins.mul (-((-8) + 38)) ((-9) + (-27))) + 15)) 46)
