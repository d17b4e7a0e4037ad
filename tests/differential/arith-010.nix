(builtins.add ((-21)) ((builtins.mul ((builtins.div (-(36 - 38)) 2)) ((-(29 - 9) + (39 + 10))))))
