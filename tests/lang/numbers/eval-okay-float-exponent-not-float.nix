let e3 = 7; in [ 1e3 ]
