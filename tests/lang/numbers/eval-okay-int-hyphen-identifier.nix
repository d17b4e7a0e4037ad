let a-b = 7; a = 10; b = 3; in [ a-b (a - b) ]
