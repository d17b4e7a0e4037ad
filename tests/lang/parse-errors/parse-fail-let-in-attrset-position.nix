{ let a = 1; }
