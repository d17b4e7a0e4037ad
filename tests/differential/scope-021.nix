let a = 3; b = a + (-28); in let a = 27; in [ a b ]
