let s = { a = { b = 1; }; c = null; }; in [ (s ? a) (s ? x) (s ? a.b) (s ? a.x) (s ? c.d) (s ? "a") (s ? ${"a"}) ({ } ? a) ]
