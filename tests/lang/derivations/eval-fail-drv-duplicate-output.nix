derivation { name = "x"; system = "x"; builder = "x"; outputs = [ "a" "a" ]; }
