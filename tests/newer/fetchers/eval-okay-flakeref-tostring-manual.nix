# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-flakeRefToString
# The example of the manual's entry for builtins.flakeRefToString (Nix 2.18).
builtins.flakeRefToString {
  dir = "lib"; owner = "NixOS"; ref = "23.05"; repo = "nixpkgs"; type = "github";
}
