# `x.a` with `x` a variable several environments up, the attribute missing.
let
  s = { a = 1; b = { c = 2; }; };
  f = x: y: z: if x > 0 then s.b.c + s.d else s.a;
in
f 1 2 3
