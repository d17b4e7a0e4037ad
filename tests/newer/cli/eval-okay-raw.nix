# Source: https://nix.dev/manual/nix/2.26/command-ref/nix-instantiate (`--raw`: "When used
# with --eval, the evaluation result must be a string, which is printed verbatim, without
# quoting, escaping or trailing newline"; added in Nix 2.26 by "feat(nix-instantiate): add
# --raw flag").
"line one\n\"quoted\" \${not interpolated} ${toString 42}\ttab"
