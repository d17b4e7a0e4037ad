derivationStrict { name = "x"; system = "x"; builder = "x"; outputHash = "abc"; outputHashAlgo = "sha256"; }
