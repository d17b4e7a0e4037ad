# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# The largest unsigned 64-bit number is refused too (Nix 2.8 gave -1).
builtins.fromJSON "18446744073709551615"
