# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-readFileType
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-restrict-eval
# Restricted mode refuses a path outside the search path, as readDir does.
builtins.readFileType /dev/null
