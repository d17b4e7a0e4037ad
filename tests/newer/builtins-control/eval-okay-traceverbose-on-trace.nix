# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-traceVerbose
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-trace-verbose
# With trace-verbose = true, traceVerbose is trace: a string is printed as it is, any
# other value as trace prints it.
[
  (builtins.traceVerbose "printed" 1)
  (builtins.traceVerbose { a = 1; b = "x"; } 2)
  (__traceVerbose "global name" 3)
]
