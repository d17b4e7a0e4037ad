# A `with` not yet looked through leaves its variables lazy; so does a `with`
# whose set is itself a `with` variable.
let
  s = { a = 1; };
in [
  (with { a = 1; }; [ (builtins.length [ b ]) a ])
  (with s; with { z = 1; }; if z == 1 then builtins.length [ b ] else 0)
  (with { a = 1; }; if a == 1 then (with nope; 2) else 0)
  (with { a = 1; }; if a == 1 then builtins.length [ b.c ] else 0)
  (with { a = 1; }; let f = x: 3; in f (a + b))
]
