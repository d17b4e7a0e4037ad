# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-warn
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-debugger-on-warn
# debugger-on-warn starts the debugger only with --debugger: otherwise warn just warns.
builtins.warn "w" 1
