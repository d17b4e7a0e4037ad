# Source: https://github.com/NixOS/nix/pull/12024
# The same for an attribute name (Nix 2.8 cut the name at the NUL).
builtins.fromJSON ''{ "k\u0000": 1 }''
