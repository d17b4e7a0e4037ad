let f = with { v = 10; }; x: x + v; in f 1
