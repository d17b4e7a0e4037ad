builtins.readFile <foo/data.txt>
