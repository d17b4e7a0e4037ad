builtins.toJSON { a = [ 1 "x" null ]; b = true; c = 1.5; }
