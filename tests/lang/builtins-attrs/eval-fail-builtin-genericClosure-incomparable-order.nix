builtins.genericClosure { startSet = [ { key = "a"; } { key = 1; } ]; operator = e: [ ]; }
