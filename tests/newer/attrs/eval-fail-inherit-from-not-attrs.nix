# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# The select `(s).b` that `inherit (s) b` makes is placed at `b` (Nix >= 2.21).
let s = 1; in { inherit (s) b; }
