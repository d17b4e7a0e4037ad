with builtins; let l = [ 10 20 30 ]; in [ (length l) (head l) (tail l) (elemAt l 2) (length [ ]) (tail [ 1 ]) ]
