# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# Nix >= 2.21 reports an inherited attribute's errors at its own name: the missing
# attribute is selected at `b` (Nix 2.8: at the start of the bindings block).
let s = { a = 1; }; in { inherit (s) b; }
