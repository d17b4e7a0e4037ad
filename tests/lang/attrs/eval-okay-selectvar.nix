# `x.a` and `x.a or d`: `x` forced or a thunk, a set or not, near and far.
let
  s = { a = 1; b = { c = 2; }; n = null; };
  notSet = 42;
  lazy = { a = s.a + 1; };
  f = x: y: z: [ s.a s.b.c (s.missing or "dflt") (notSet.a or "not a set") (lazy.a) (x.a or z) y.b.c ];
  g = p: p.q or p.r or "none";
  h = v: v.n or "n is null, not missing";
in
f { } s 7 ++ [ (g { r = 5; }) (g { }) (g { q = 1; r = 2; }) (h s) (h { }) ]
