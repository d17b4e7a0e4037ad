with { }; [ x y z ]
