# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# An attribute defined by `inherit a;` is placed at `a` (Nix 2.8: at the end of
# the `inherit` keyword).
let a = 1; in { inherit a; a = 2; }
