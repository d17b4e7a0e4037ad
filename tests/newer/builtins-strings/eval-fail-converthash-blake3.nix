# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# blake3 is known only with the experimental feature blake3-hashes.
builtins.convertHash { hash = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"; hashAlgo = "blake3"; toHashFormat = "sri"; }
