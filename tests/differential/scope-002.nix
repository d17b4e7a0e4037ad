let t = { a.b = 48; a.c = 30; }; in [ t.a (t ? a.b) (t.a.d or 4) ]
