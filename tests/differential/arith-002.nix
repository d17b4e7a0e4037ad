(28 * (builtins.add 0 ((builtins.mul 14 26))) + (-2))
