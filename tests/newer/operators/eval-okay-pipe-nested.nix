# Source: https://nix.dev/manual/nix/2.34/language/operators#pipe-operators
# (`a |> b` is `b a`, `a <| b` is `a b`): pipes wherever an expression stands, and
# `|>`, `<|` inside strings and comments are text.
let
  inc = x: x + 1;
  v = 1 |> inc; # a comment with |> and <|
  /* and a block comment: a |> b <| c */
  w = inc <| v;
in
{
  inherit v w;
  letIn = let y = 2 |> inc; in y |> inc;
  list = [ (1 |> inc) (inc <| 2) ];
  attrs = { a = 1 |> inc; b.c = inc <| 5; };
  interpolated = "${1 |> toString}-${toString <| 2}";
  indented = ''
    ${3 |> toString} |> ${toString <| 4}
  '';
  text = "a |> b <| c";
  lambdaArg = map (x: x |> inc) [ 1 2 ];
  ifCond = if true |> (b: !b) then 1 else 2;
  withBody = with { z = 5; }; z |> inc;
  assertCond = assert 1 |> (x: x == 1); 7 |> inc;
  selectFn = { f = inc; }.f <| 1;
  recAttrs = rec { a = 1 |> inc; b = a |> inc; };
  lazy = builtins.length (builtins.attrNames { x = throw "not forced" |> inc; });
  glued = 1|>inc|>inc;
}
