# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# hashAlgo must name a known algorithm (Nix reports it as a usage error).
builtins.convertHash { hash = "800d59cfcd3c05e900cb4e214be48f6b886a08df"; hashAlgo = "sha3"; toHashFormat = "sri"; }
