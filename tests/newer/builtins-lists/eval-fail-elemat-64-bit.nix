# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# Source: https://github.com/NixOS/nix/pull/11188
# elemAt reads its index as the 64-bit integer it is (Nix >= 2.25): 4294967297 is
# out of bounds (Nix 2.8 truncated it to 1 and gave 2). The message is 2.8's.
builtins.elemAt [ 1 2 ] 4294967297
