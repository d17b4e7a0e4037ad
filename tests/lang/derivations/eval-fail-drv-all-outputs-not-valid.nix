let d = derivation { name = "x"; system = "x"; builder = "x"; }; in derivationStrict { name = "y"; system = "x"; builder = "x"; a = d.drvPath; }
