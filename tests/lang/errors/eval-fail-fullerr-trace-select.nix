let s = { a = { b = throw "deep\n"; }; }; in s.a.b
