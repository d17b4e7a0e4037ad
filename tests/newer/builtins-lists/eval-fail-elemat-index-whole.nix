# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# Source: https://github.com/NixOS/nix/pull/11188
# The out-of-bounds index is reported as given (Nix >= 2.25); Nix 2.8 reported its
# 32-bit truncation, 276447232.
builtins.elemAt [ 1 2 ] 100000000000000
