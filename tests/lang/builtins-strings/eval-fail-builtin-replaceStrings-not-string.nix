builtins.replaceStrings [ "a" ] [ "b" ] 1
