[ (builtins.pathExists /etc) (builtins.pathExists ./lib/data.txt) (builtins.pathExists /nonexistent) ]
