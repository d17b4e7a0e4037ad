let f = x: false; in assert f { a = 1; } [ 2 ] "s"; null
