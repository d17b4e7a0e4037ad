builtins.appendContext "a" { "/nix/foo" = { }; }
