let f = x: y: x - y; g = f 5; in [ (g 36) (g 47) ]
