# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-fetchTree
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-fetch-tree
# With `fetch-tree` alone, the URL-like syntax is refused: it needs `flakes`.
builtins.fetchTree "path:/"
