derivation { system = "x"; builder = "x"; }
