with builtins; [ (intersectAttrs { a = 0; b = 0; } { b = 1; c = 2; }) (catAttrs "a" [ { a = 1; } { b = 2; } { a = 3; } ]) ]
