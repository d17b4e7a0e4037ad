# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#path-like-syntax
# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-parseFlakeRef
# parseFlakeRef has no current directory: a relative path is refused.
builtins.parseFlakeRef "./sub/dir"
