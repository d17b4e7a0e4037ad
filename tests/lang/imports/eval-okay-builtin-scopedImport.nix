{
  basic = scopedImport { a = 1; b = 2; c = 3; } ./lib/scoped.nix;
  shadow-global = scopedImport { toString = x: "shadowed"; } ./lib/scoped-global.nix;
  plain-import = import ./lib/scoped-global.nix;
  builtins-scoped = builtins.scopedImport { a = "x"; b = "y"; c = null; } ./lib/scoped.nix;
}
