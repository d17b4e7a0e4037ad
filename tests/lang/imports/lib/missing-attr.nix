let
  inner = { a = 1; };
in
  inner.b
