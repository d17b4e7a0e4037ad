# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-parseFlakeRef
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-references
# A flake reference names a flake; an output attribute (`#hello`) is no part of it.
builtins.parseFlakeRef "github:NixOS/nixpkgs#hello"
