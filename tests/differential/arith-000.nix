(builtins.mul (8 - 46 * (15 / 2) - 11) 8)
