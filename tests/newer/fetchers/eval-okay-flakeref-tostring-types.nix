# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-references
# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-flakeRefToString
# The attribute set representation of the manual's examples written back as URLs:
# the type's scheme (`flake:` for indirect references, `git+` before a Git URL), the
# query parameters sorted, Booleans as `1`, integers in decimal, a `/` inside a path
# segment percent-encoded.
map builtins.flakeRefToString [
  { type = "indirect"; id = "nixpkgs"; }
  { type = "indirect"; id = "nixpkgs"; ref = "nixos-unstable"; rev = "a3a3dda3bacf61e8a39258a0ed9c924eeca8e293"; }
  { type = "github"; owner = "NixOS"; repo = "nixpkgs"; }
  { type = "github"; owner = "NixOS"; repo = "nixpkgs"; rev = "ae2e6b3958682513d28f7d633734571fb18285dd"; }
  { type = "gitlab"; owner = "veloren/dev"; repo = "rfcs"; }
  { type = "git"; url = "https://github.com/NixOS/patchelf"; rev = "f34751b88bd07d7f44f5cd3200fb4122bf916c7e"; ref = "master"; }
  { type = "git"; url = "https://example.org/my/repo"; dir = "flake1"; shallow = true; }
  { type = "tarball"; url = "https://github.com/NixOS/patchelf/archive/master.tar.gz"; }
  { type = "path"; path = "/home/user/sub/dir"; }
  { type = "path"; path = "/home/user/sub/dir"; revCount = 3; }
]
