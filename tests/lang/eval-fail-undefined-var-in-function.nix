y: x + y
