# Source: https://github.com/NixOS/nix/pull/11131 ("These two operators do not
# associate with each other; `(x: 1) <| 2 |> (x: 3)` is a parse error"), and
# https://nix.dev/manual/nix/2.34/language/operators (same precedence, `|>` left-,
# `<|` right-associative). The parser meets the second operator once it has reduced
# the first pipe to a whole expression, so it expects what closes the enclosing one.
let
  inc = x: x + 1;
in
1 |> inc <| 2
