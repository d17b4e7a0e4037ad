# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# A bare hash needs hashAlgo (only SRI and algo: inputs carry their algorithm).
builtins.convertHash { hash = "800d59cfcd3c05e900cb4e214be48f6b886a08df"; toHashFormat = "sri"; }
