let x = 1; y = 2; in let inherit x y; in [ x y ]
