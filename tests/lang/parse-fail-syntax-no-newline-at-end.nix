a
b )