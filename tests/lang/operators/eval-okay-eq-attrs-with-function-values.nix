let s = { a = 1; f = x: x; }; in [ (s == s) (s == (s // { })) ]
