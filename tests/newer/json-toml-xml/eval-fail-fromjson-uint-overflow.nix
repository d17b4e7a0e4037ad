# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# "builtins.fromJSON of values greater than the maximum representable value in a
# signed 64-bit integer will generate an error" (Nix 2.8 wrapped 2^63 to -2^63).
builtins.fromJSON "[ 9223372036854775807, 9223372036854775808 ]"
