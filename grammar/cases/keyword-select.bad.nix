let s = { }; in s.in
