# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.16
# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-replaceStrings
# A replacement is evaluated when its pattern is matched: in the order of the first
# matches in the string, once each, and never for a pattern that does not match.
builtins.replaceStrings [ "a" "b" "c" ] [
  (builtins.trace "A" "1")
  (builtins.trace "B" "2")
  (builtins.trace "C" "3")
] "bbab"
