import ./lib//self-dir.nix
