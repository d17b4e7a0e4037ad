builtins.length (builtins.genList (throw "f is lazy") 2)
