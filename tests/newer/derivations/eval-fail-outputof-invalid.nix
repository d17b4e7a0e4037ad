# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# The derivation is read from the store: a .drv that is not there is not valid.
builtins.outputOf (builtins.appendContext "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" = { path = true; }; }) "out"
