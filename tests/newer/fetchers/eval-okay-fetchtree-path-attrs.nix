# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-fetchTree
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-reference-attributes
# fetchTree of the attribute set form of a `path` input, a path value as `path`; a
# given `lastModified` is kept (the path fetcher trusts it), and so is `rev`, which
# the result shows with its `shortRev`.
let t = builtins.fetchTree {
  type = "path";
  path = ./. + "/fetchtree dir";
  lastModified = 1585388205;
  rev = "b0c285807d6a9f1b7562ec417c24fa1a30ecc31a";
}; in
{ inherit (t) narHash lastModified lastModifiedDate rev shortRev; }
