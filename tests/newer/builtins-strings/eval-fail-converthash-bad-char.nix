# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# 40 characters with a non-hex one: read as base 16, which decodes to nothing.
builtins.convertHash { hash = "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08dg"; toHashFormat = "nix32"; }
