# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-warn
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-abort-on-warn
# The abort is no error tryEval catches (it is not thrown by throw or assert).
builtins.tryEval (builtins.warn "deprecated" 1)
