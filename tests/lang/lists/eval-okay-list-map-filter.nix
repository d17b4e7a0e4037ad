with builtins; [ (map (x: x * x) [ 1 2 3 ]) (filter (x: x > 1) [ 1 2 3 ]) (map (x: x) [ ]) ]
