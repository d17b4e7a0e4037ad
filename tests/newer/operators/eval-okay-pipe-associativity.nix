# Source: https://nix.dev/manual/nix/2.34/language/operators (`|>` left-associative,
# `<|` right-associative) and https://github.com/NixOS/nix/pull/11131 ("These two
# operators do not associate with each other": mixing them needs parentheses).
let
  inc = x: x + 1;
  ten = x: x * 10;
in
{
  # a |> f |> g is g (f a)
  into = 1 |> ten |> inc;
  intoLong = 1 |> inc |> inc |> ten |> inc;
  # f <| g <| a is f (g a)
  from = ten <| inc <| 1;
  fromLong = inc <| ten <| inc <| inc <| 1;
  # parenthesised mixing
  mixed1 = (1 |> ten) |> inc;
  mixed2 = inc <| (1 |> ten);
  mixed3 = (ten <| 1) |> inc;
  mixed4 = (inc <| 1) |> (x: x |> ten);
  mixed5 = (1 |> inc) + (inc <| 1) |> ten;
  # a pipe into a parenthesised pipe: `2 |> (10 |> builtins.sub)` is `builtins.sub 10 2`
  nestedFn = 2 |> (10 |> builtins.sub);
  nestedArg = builtins.sub 20 <| (3 |> builtins.add 4);
}
