builtins.groupBy (x: "a") 1
