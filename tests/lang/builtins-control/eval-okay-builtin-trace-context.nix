builtins.trace "${./lib/data.txt}" (builtins.trace { a = "${./lib/data.txt}"; } 1)
