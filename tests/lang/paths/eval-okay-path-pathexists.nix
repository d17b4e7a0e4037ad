with builtins; [ (pathExists ./lib/data.txt) (pathExists ./lib/nope) ]
