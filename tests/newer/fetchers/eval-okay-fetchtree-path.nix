# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-fetchTree
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-references
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.19
# fetchTree of a `path:` URL (percent-encoded since Nix 2.19: `%20` is the space
# in the directory's name): the directory as a store path named `source`, its NAR
# hash in SRI form, and `lastModified`/`lastModifiedDate` (not shown: they are the
# files' modification times). The hash and the path were computed with
# `nix-hash --type sha256` and `builtins.path { name = "source"; }`.
let t = builtins.fetchTree "path:${toString ./.}/fetchtree%20dir"; in
{ inherit (t) narHash outPath; names = builtins.attrNames t; }
