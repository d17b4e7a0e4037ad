# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-getFlake
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#lock-files
# getFlake of a flake whose input is in its flake.lock with the same `original`
# reference: the lock is used as it is, so nothing is printed (a flake whose inputs
# are not all locked gets a "not writing modified lock file" warning). The input is a
# relative `path:` one, whose lock entry names its `parent`.
let f = builtins.getFlake "path:${toString ./getflake-locked}"; in
{ inherit (f) fromSub subInputs; }
