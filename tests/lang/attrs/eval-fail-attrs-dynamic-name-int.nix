{ ${toString 1} = 1; ${builtins.add 1 1} = 2; }
