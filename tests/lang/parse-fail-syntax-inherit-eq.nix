{ inherit a = 1; }
