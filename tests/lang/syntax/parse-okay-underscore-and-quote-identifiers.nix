let a_b = 1; a'b = 2; _c = 3; d-e = 4; in [ a_b a'b _c d-e ]
