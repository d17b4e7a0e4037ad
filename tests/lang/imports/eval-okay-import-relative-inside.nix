import ./lib/relative-import.nix
