let s = { a = 37; b = 22; }; in with s; [ a b (let a = 9; in a) ]
