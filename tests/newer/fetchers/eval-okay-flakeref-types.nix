# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-references
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.19
# The manual's examples of URL-like flake references, one per type, parsed into the
# attribute set representation: `indirect` (`[flake:]<flake-id>(/<rev-or-ref>(/rev)?)?`),
# `github`/`gitlab`/`sourcehut` (`owner`, `repo`, `<rev-or-ref>`, `host`), `git` (`url`
# without the `git+` prefix, `ref`, `rev`, `shallow` a Boolean), `tarball` (the
# `tarball+` prefix dropped for a known archive extension), `file` (`file+`), `path`
# (`revCount` and `lastModified` are integers), `dir` the subdirectory; a GitLab
# subgroup's `/` is percent-encoded (decoded since Nix 2.19).
map builtins.parseFlakeRef [
  "nixpkgs"
  "nixpkgs/nixos-unstable"
  "nixpkgs/a3a3dda3bacf61e8a39258a0ed9c924eeca8e293"
  "nixpkgs/nixos-unstable/a3a3dda3bacf61e8a39258a0ed9c924eeca8e293"
  "flake:nixpkgs"
  "github:NixOS/nixpkgs"
  "github:NixOS/nixpkgs/nixos-20.09"
  "github:edolstra/dwarffs/d3f2baba8f425779026c6ec04021b2e927f61e31"
  "github:edolstra/nix-warez?dir=blender"
  "github:internal/project?host=company-github.example.org"
  "gitlab:veloren%2Fdev/rfcs"
  "sourcehut:~misterio/nix-colors/main"
  "git+https://github.com/NixOS/patchelf?ref=master&rev=f34751b88bd07d7f44f5cd3200fb4122bf916c7e"
  "git+https://example.org/my/repo?shallow=1"
  "git+ssh://git@github.com/NixOS/nix?ref=v1.2.3"
  "git+file:///home/my-user/some-repo/some-repo"
  "https://github.com/NixOS/patchelf/archive/master.tar.gz"
  "file+https://example.org/index.html"
  "path:/home/user/sub/dir"
  "path:/home/user/sub/dir?revCount=3&lastModified=1585388205"
  "/home/alice/src/patchelf"
]
