let f = x: x; l = [ f ]; s = { inherit f; }; in [ (l == l) ([ f ] == [ f ]) (s == s) ({ inherit f; } == { inherit f; }) ]
