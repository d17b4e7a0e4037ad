let a' = 1; a'' = 2; b'c = 3; in [ a' a'' b'c ]
