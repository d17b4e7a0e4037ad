scopedImport { a = 1; } ./lib/scoped-undef.nix
