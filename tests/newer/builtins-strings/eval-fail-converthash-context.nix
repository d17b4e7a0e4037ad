# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# The hash must be a string without context.
builtins.convertHash { hash = builtins.appendContext "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08df" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x" = { path = true; }; }; toHashFormat = "sri"; }
