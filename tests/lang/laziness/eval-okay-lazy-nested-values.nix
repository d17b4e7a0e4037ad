let s = { inner = 1; }; in { a = s; b = [ 1 2 ]; c = { x = 1 + 1; }; }
