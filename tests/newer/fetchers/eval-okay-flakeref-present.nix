# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-parseFlakeRef
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-fetch-tree
# With `flakes` they all exist (`flakes` always enables `fetch-tree`).
[ (builtins ? parseFlakeRef) (builtins ? flakeRefToString) (builtins ? getFlake) (builtins ? fetchTree) ]
