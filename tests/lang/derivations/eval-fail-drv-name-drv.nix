derivation { name = "x.drv"; system = "x"; builder = "x"; }
