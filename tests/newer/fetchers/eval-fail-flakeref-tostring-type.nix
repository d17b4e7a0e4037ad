# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-flakeRefToString
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#attribute-set-representation
# "The only required attribute is type."
builtins.flakeRefToString { owner = "NixOS"; repo = "nixpkgs"; }
