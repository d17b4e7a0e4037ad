let s = { a = 1; }; f = x: x; in [ s.a f 2 (f 2) (-1) ]
