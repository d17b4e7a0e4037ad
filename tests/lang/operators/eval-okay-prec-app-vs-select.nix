let f = x: { r = x; }; s = { g = x: x + 1; }; in [ (f 1).r (s.g 1) ]
