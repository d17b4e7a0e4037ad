let cond = false; in assert cond; 3
