let s = { a = 1; me = s; }; in s
