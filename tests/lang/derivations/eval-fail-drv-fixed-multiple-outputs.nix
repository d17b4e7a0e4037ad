derivationStrict { name = "x"; system = "x"; builder = "x"; outputs = [ "a" "b" ]; outputHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; }
