let s = { a = 1; }; in s.b or s.a + 1
