let s = { a = 3; b = (-14); }; in with s; [ a b (let a = (-12); in a) ]
