derivationStrict { name = "x"; system = "x"; builder = "x"; __structuredAttrs = true; foo = x: x; }
