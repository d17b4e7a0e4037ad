# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-hash-convert
# "base32" is the deprecated name of "nix32": same result, and a warning each time.
[
  (builtins.convertHash { hash = "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08df"; toHashFormat = "base32"; })
  (builtins.convertHash { hash = "sha1-gA1Zz808BekAy04hS+SPa4hqCN8="; toHashFormat = "nix32"; })
]
