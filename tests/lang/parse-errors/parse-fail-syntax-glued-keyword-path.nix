let a = 1; in./x
