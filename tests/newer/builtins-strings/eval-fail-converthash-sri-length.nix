# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# An SRI hash whose base-64 body decodes to a sha1-sized digest, labelled sha256.
builtins.convertHash { hash = "sha256-gA1Zz808BekAy04hS+SPa4hqCN8="; toHashFormat = "base16"; }
