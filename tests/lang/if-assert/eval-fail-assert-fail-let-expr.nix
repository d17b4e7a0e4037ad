assert (let a = 1; in a == 2); 1
