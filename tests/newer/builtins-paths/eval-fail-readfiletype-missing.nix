# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-readFileType
# A path that does not exist: current Nix's message for a node it cannot lstat.
builtins.readFileType ./lib/readfiletype/no-such-file
