let a = [ 1 ]; b = { inherit a; }; in [ b b a { c = b; } ]
