let s = { a = { or = 3; }; }; in [ s.a.or { or = 1; }.or ]
