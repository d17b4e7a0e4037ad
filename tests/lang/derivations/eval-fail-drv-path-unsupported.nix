builtins.path { path = ./lib/data.txt; foo = 1; }
