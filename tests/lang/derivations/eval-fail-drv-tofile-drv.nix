let d = derivation { name = "x"; system = "x"; builder = "x"; }; in builtins.toFile "a" "${d}"
