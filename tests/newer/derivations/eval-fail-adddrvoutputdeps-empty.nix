# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-addDrvOutputDependencies
# The context must have exactly one element: here none.
builtins.addDrvOutputDependencies "no context"
