builtins.elem 1 [ 0 (throw "reached") ]
