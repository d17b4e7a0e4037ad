derivationStrict { name = "x"; system = "x"; builder = "x"; foo = { }; }
