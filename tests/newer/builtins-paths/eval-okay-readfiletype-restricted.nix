# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-readFileType
# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-restrict-eval
# Under the search path in restricted mode: the symlink to /tmp is looked at, not followed.
[ (builtins.readFileType (<foo> + "/readfiletype/outside")) (builtins.readFileType (<foo> + "/readfiletype/sub")) ]
