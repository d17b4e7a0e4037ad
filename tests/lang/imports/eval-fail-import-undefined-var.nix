(import ./lib/undefined.nix).x
