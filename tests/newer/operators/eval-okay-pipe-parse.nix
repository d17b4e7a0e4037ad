# Source: https://nix.dev/manual/nix/2.34/language/operators#pipe-operators (`a |> b`
# is the application `b a`, `a <| b` is `a b`). Nix's parser builds each pipe as a
# call at the operator and, as for an application, gives a call whose function is
# already a call one more argument (src/libexpr/parser.y, makeCall), so --parse
# shows a pipe as the call it is.
# (Checked with --parse: see eval-okay-pipe-parse.flags.)
f: g: a: b: {
  into = a |> f |> g b;
  from = f <| g b <| a;
  flat = a |> f b;
  mixed = (a |> f) -> b |> g;
  text = "a |> b";
}
