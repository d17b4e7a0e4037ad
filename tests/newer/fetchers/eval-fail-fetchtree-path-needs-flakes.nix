# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-fetchTree
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-fetch-tree
# With `fetch-tree` alone, fetchTree exists but the `path` input type is one of the
# "additional input types" that need `flakes`.
builtins.fetchTree { type = "path"; path = "/"; }
