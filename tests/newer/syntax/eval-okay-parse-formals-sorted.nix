# Source: https://nix.dev/manual/nix/2.35/release-notes/rl-2.21 ("Consistent order of
# function arguments in printed expressions": printed in lexicographic order).
{ zeta, alpha ? 1, mid, ... }@args: zeta
