# Source: https://nix.dev/manual/nix/2.35/release-notes/rl-2.34 and
# https://nix.dev/manual/nix/2.35/command-ref/conf-file#conf-lint-absolute-path-literals
# (Nix 2.34: `lint-absolute-path-literals` covers absolute `/...` and home `~/...` path
# literals; "fatal": treat as a parse error).
[ ./fine ~/notes.txt ]
