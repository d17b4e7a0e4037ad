import <lib/value.nix>
