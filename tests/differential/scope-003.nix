let t = { a.b = (-22); a.c = 0; }; in [ t.a (t ? a.b) (t.a.d or (-26)) ]
