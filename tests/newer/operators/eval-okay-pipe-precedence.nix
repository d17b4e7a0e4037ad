# Source: https://nix.dev/manual/nix/2.34/language/operators (the table: the pipe
# operators have precedence 15, below every other operator, `->` (14) included; and
# https://nix.dev/manual/nix/2.34/release-notes/rl-2.24: "lower precedence than any
# other operator"). Each case gives another answer (or fails) under the other grouping.
let
  double = x: x * 2;
  t = builtins.typeOf;
  fs = { inherit double; };
in
{
  # operand of `|>`: every operator binds tighter
  add = 1 + 2 |> double;
  sub = 10 - 4 |> double;
  mul = 2 * 3 |> double;
  div = 12 / 4 |> double;
  neg = -3 |> double;
  concat = [ 1 ] ++ [ 2 ] |> builtins.length;
  update = { a = 1; } // { b = 2; } |> builtins.attrNames;
  has = { a = 1; } ? a |> t;
  not = !false |> t;
  lt = 1 < 2 |> t;
  le = 1 <= 2 |> t;
  gt = 1 > 2 |> t;
  ge = 1 >= 2 |> t;
  eq = 1 == 1 |> t;
  neq = 1 != 1 |> t;
  and = true && false |> t;
  orOp = false || true |> t;
  impl = false -> false |> t;
  # the function of `|>`: application and selection bind tighter
  app = 2 |> builtins.sub 10;
  select = 2 |> fs.double;
  selectOr = 2 |> fs.missing or double;
  # operand of `<|`
  fromAdd = double <| 1 + 2;
  fromConcat = builtins.length <| [ 1 ] ++ [ 2 ];
  fromUpdate = builtins.attrNames <| { a = 1; } // { b = 2; };
  fromImpl = t <| false -> false;
  fromOr = t <| false || true;
  fromEq = t <| 1 == 1;
  fromApp = builtins.sub 10 <| 2;
  # the body of a lambda, the branches of `if` take a whole pipe
  lambda = (x: x |> double) 4;
  ifElse = if false then 0 else 5 |> double;
}
