builtins.length (builtins.filter (x: x) [ (throw "elem via f") ])
