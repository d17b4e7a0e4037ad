builtins.appendContext "a" { "/nix/store/xzmd6hxskv0prl78x5x0c31n8bm0zmzr-f" = { allOutputs = true; }; }
