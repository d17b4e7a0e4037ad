import ./lib/double.nix 21
