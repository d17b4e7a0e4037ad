builtins.readFile ./lib
