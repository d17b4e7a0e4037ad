# Source: https://nix.dev/manual/nix/2.35/release-notes/rl-2.25 ("Define integer overflow
# in the Nix language as an error": `nix eval --expr '9223372036854775807 + 1'` gives
# "error: integer overflow in adding 9223372036854775807 + 1").
9223372036854775807 + 1
