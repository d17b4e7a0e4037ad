# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# hashAlgo must agree with the algorithm the hash names.
builtins.convertHash { hash = "sha1-gA1Zz808BekAy04hS+SPa4hqCN8="; hashAlgo = "sha256"; toHashFormat = "base16"; }
