let t = { a.b = (-1); a.c = 15; }; in [ t.a (t ? a.b) (t.a.d or 2) ]
