derivationStrict { name = "x y"; system = "x"; builder = "x"; }
