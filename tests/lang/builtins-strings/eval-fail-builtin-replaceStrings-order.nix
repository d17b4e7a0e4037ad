builtins.replaceStrings [ (throw "patterns first") ] [ "x" ] (throw "subject")
