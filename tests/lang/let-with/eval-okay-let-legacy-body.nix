let { x = 5; y = x * 2; body = y + 1; }
