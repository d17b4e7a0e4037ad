# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-blake3-hashes
# With blake3-hashes enabled, a blake3 hash (32 bytes: the empty input's) converts like the others.
let h = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"; in
map (f: builtins.convertHash { hash = h; hashAlgo = "blake3"; toHashFormat = f; }) [ "base16" "base64" "sri" ]
