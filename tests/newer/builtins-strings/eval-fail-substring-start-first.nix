# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.25
# Source: https://github.com/NixOS/nix/pull/11188
# The start is checked as soon as it is read, before the length and the string are
# evaluated (Nix 2.8 evaluated all three first).
builtins.substring (-1) (throw "the length") (throw "the string")
