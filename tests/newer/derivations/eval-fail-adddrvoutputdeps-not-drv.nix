# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-addDrvOutputDependencies
# The constant must be a derivation: a store path ending in .drv.
builtins.addDrvOutputDependencies (builtins.appendContext "x" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x" = { path = true; }; })
