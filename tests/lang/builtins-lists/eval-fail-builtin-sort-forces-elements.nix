builtins.length (builtins.sort (a: b: false) [ 1 (throw "every element is forced") ])
