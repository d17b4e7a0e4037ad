# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# toHashFormat is required.
builtins.convertHash { hash = "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08df"; }
