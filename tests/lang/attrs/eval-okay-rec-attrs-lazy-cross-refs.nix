let s = rec { a = [ b ]; b = 1; c = a; }; in s.c
