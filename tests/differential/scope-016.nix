with { x = (-3); }; with { x = 24; y = 40; }; [ x y ]
