{ x = a + b; inherit c; }
