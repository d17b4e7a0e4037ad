import ./lib/nonexistent.nix
