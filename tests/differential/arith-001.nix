((builtins.sub ((builtins.div (-((-23) - 43)) ((-1) / 7))) 36) / 9)
