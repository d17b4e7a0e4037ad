builtins.readDir "lib"
