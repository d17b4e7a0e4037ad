let f = x: x; s = { or = 1; }; in [ s.or (f s.or) ]
