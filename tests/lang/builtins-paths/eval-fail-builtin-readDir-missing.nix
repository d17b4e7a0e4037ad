builtins.readDir ./lib/no-such-dir
