abort "line one
line two"
