scopedImport { } ./lib/value.nix
