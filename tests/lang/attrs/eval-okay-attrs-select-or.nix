let s = { a = 1; b.c = 2; }; in [ (s.x or 10) (s.a or 10) (s.b.c or 0) (s.b.d or 0) (s.x.y.z or "deep") ]
