# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.18
# Source: https://nix.dev/manual/nix/2.34/language/builtins
# outputOf exists only with the experimental feature dynamic-derivations; the other
# builtins added since Nix 2.8 need no feature.
{
  outputOf = builtins ? outputOf;
  addDrvOutputDependencies = builtins ? addDrvOutputDependencies;
  break = builtins ? break;
  convertHash = builtins ? convertHash;
  readFileType = builtins ? readFileType;
  traceVerbose = builtins ? traceVerbose;
  warn = builtins ? warn;
}
