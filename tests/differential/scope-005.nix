let a = 2; b = a + (-14); in let a = 31; in [ a b ]
