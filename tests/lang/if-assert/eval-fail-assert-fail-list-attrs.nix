assert [ 1 "x" ] == [ { a = 1; } null ]; 1
