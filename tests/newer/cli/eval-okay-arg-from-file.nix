# Source: https://nix.dev/manual/nix/2.35/release-notes/rl-2.21 ("The new CLI option
# --arg-from-file name path passes the contents of file path as a string value via the
# function argument name to a Nix expression").
{ text }: { inherit text; length = builtins.stringLength text; }
