# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# The string must be the store path its context names.
builtins.outputOf (builtins.appendContext "something else" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" = { path = true; }; }) "out"
