# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# The output name must be a string without context.
builtins.outputOf (builtins.appendContext "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" = { path = true; }; }) (builtins.appendContext "out" { "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-b" = { path = true; }; })
