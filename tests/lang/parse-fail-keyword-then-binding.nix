{ then = 1; }
