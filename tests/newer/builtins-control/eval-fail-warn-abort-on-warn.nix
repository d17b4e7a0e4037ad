# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-warn
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-abort-on-warn
# With abort-on-warn, the evaluation is aborted after the warning is printed.
let x = 1;
in builtins.warn "deprecated" x
