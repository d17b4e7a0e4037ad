import "lib/value.nix"
