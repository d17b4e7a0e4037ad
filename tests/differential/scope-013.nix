let a = (-13); b = a + (-17); in let a = (-4); in [ a b ]
