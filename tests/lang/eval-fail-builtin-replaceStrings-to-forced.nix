builtins.replaceStrings [ "x" "a" ] [ (throw "to is forced") "A" ] "aa"
