derivation { name = "x"; builder = "x"; }
