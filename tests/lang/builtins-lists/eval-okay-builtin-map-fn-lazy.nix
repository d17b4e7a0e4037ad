builtins.length (map (throw "f is lazy") [ 1 ])
