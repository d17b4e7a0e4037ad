# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-traceVerbose
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.10
# Without the setting trace-verbose (false by default) traceVerbose is a no-op: it
# prints nothing, does not evaluate its first argument and returns its second.
[
  (builtins.traceVerbose "not printed" 1)
  (builtins.traceVerbose (throw "not evaluated") 2)
  (__traceVerbose "global name" 3)
]
