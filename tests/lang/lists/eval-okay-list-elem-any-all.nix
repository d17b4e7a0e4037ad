with builtins; [ (elem 2 [ 1 2 ]) (elem 5 [ 1 2 ]) (any (x: x > 1) [ 1 2 ]) (all (x: x > 1) [ 1 2 ]) (all (x: false) [ ]) ]
