import ./lib/missing-attr.nix
