let f = { __functor = self: { __functor = s2: x: x * 3; }; }; in f 1 2
