let { a = 1; body = { inherit a; b = a + 1; }; }
