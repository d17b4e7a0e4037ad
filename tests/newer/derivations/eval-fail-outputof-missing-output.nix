# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# The derivation must have the output named (instantiated, so that the .drv is written).
let a = derivation { name = "a"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" ]; }; in
derivation { name = "b"; system = "x86_64-linux"; builder = "/bin/sh"; dep = builtins.outputOf (builtins.unsafeDiscardOutputDependency a.drvPath) "lib"; }
