builtins.toJSON [ "aÿ" (throw "evaluated first") ]
