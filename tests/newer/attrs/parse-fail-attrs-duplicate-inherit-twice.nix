# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# "Fix duplicate attribute error positions for inherit": the error is at the
# offending name, and the first definition is placed at its own name too.
let a = 1; in { inherit a a; }
