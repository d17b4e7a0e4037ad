rec { a = 1; b = a * 50; c = [ a b ]; }
