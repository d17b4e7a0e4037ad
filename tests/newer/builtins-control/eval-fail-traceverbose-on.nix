# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-traceVerbose
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-trace-verbose
# With trace-verbose, the first argument is evaluated, as trace evaluates it.
builtins.traceVerbose (throw "evaluated") 1
