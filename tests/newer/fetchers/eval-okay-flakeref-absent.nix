# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-parseFlakeRef
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-fetch-tree
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.19
# Without experimental features none of these builtins exists: parseFlakeRef,
# flakeRefToString and getFlake need `flakes`, fetchTree `fetch-tree` (Nix 2.19).
[ (builtins ? parseFlakeRef) (builtins ? flakeRefToString) (builtins ? getFlake) (builtins ? fetchTree) ]
