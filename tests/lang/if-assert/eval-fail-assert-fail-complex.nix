let x = 1; s = { a = 2; }; in assert x > 2 || s.a < 0 && !(s ? b); null
