# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-flakeRefToString
# The attributes of a flake reference are strings, integers and Booleans.
builtins.flakeRefToString { type = "github"; owner = "NixOS"; repo = [ "nixpkgs" ]; }
