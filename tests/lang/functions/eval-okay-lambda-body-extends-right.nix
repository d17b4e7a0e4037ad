let f = x: x + 1 == 2; in [ (f 1) (f 2) ]
