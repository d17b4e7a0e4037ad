let a = 1; in let b = c; in a
