# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-dynamic-derivations
# With dynamic-derivations enabled, outputOf is a builtin (and __outputOf a global).
[ (builtins ? outputOf) (builtins.typeOf __outputOf) ]
