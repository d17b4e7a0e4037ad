# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-parseFlakeRef
# The example of the manual's entry for builtins.parseFlakeRef (Nix 2.18).
builtins.parseFlakeRef "github:NixOS/nixpkgs/23.05?dir=lib"
