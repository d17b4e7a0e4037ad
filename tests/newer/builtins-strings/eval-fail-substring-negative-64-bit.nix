# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# Source: https://github.com/NixOS/nix/pull/11188
# A start of -2^32 is negative (Nix 2.8 truncated it to 0 and gave "a").
builtins.substring (-4294967296) 1 "abc"
