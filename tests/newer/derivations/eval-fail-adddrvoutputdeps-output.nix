# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-addDrvOutputDependencies
# A derivation output (what outPath carries) is not a derivation constant.
builtins.addDrvOutputDependencies (derivation { name = "a"; system = "x86_64-linux"; builder = "/bin/sh"; }).outPath
