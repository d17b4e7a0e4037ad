# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# drvPath carries the whole closure of the derivation (a "derivation deep" element): not a reference outputOf takes.
builtins.outputOf (builtins.appendContext "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" = { allOutputs = true; }; }) "out"
