abort 3
