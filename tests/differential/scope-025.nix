let s = { a = (-9); b = 16; }; in with s; [ a b (let a = (-30); in a) ]
