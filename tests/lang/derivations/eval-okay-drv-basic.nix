derivation { name = "basic"; system = "x86_64-linux"; builder = "/bin/sh"; }
