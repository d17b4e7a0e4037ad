# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-lint-short-path-literals
# and #conf-lint-url-literals, #conf-lint-absolute-path-literals (Nix 2.34: "ignore"
# (default), "warn": emit a warning, "fatal": treat as a parse error).
[ "http://ok.org" http://example.org/a ]
