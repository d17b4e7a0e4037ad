rec { a = (-1); b = a * 17; c = [ a b ]; }
