let or = 5; f = x: x + 1; in [ (f or) ]
