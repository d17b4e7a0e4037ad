builtins.readFile ./lib/does-not-exist.txt
