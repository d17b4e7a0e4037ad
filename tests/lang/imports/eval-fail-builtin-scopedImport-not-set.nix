scopedImport 1 ./lib/scoped.nix
