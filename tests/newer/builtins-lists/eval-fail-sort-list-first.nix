# Source: https://github.com/NixOS/nix/pull/6204
# The list is evaluated before the comparator (Nix >= 2.14; 2.8: the comparator
# first).
builtins.sort (throw "the comparator") (throw "the list")
