with { x = 27; }; with { x = 49; y = 17; }; [ x y ]
