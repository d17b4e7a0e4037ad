# Source: https://nix.dev/manual/nix/2.34/language/operators#pipe-operators
# (`a |> b` is the application `b a`): errors inside the operands keep their own
# positions, in lines after a pipe too.
let
  s = { a = 1; };
in
s |> (t: t.a) |> (n: s.b + n)
