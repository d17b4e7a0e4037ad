# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# toHashFormat must be base16, nix32, base32, base64 or sri (Nix reports it as a usage error).
builtins.convertHash { hash = "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08df"; toHashFormat = "hex"; }
