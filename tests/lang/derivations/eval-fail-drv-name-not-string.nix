derivationStrict { name = 1; system = "x"; builder = "x"; }
