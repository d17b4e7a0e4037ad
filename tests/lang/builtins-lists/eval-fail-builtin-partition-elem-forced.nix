builtins.partition (x: true) [ (throw "elem is forced") ]
