# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-addDrvOutputDependencies
# The context must have exactly one element: here two.
builtins.addDrvOutputDependencies (builtins.appendContext "two" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" = { path = true; }; "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-b.drv" = { path = true; }; })
