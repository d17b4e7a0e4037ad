# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# The derivation reference must be a string with exactly one context element.
builtins.outputOf "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a.drv" "out"
