# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# A body whose length is no encoding of a sha256 digest (63 hex digits).
builtins.convertHash { hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85"; hashAlgo = "sha256"; toHashFormat = "sri"; }
