a
b )
