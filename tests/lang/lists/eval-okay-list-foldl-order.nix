builtins.foldl' (acc: x: "(" + acc + x + ")") "z" [ "a" "b" "c" ]
