# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-warn
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.23
# warn prints its message (a string; its context is ignored) on stderr as an evaluation
# warning and returns its second argument, evaluated only then. The lines after the
# first are indented under the message, unless the message starts with a newline.
let
  ctx = builtins.appendContext "with context" { "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-x" = { path = true; }; };
in [
  (builtins.warn "first" 1)
  (builtins.warn "two\nlines" 2)
  (builtins.warn "\nleading newline\nmore" 3)
  (builtins.warn "trailing blanks  \n\n" 4)
  (builtins.warn ctx 5)
  (__warn "global name" 6)
  (builtins.warn "outer" (builtins.warn "inner" 7))
  (builtins.warn "before the second argument" (builtins.trace "second" 8))
]
