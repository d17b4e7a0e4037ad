# Source: https://github.com/NixOS/nix/pull/6204
# Since Nix 2.14 (#6204, error contexts for builtins) builtins.sort forces the list
# first and returns an empty list as it is, before looking at the comparator; Nix
# 2.8 forced and checked the comparator first ("value is an integer while a
# function was expected", or the comparator's own error).
[ (builtins.sort 1 [ ]) (builtins.sort (throw "the comparator") [ ]) ]
