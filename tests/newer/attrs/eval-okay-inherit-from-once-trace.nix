# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# "`inherit (x) a b ...` now evaluates the expression `x` only once for all inherited
# attributes rather than once for each inherited attribute": one trace per
# directive, in a set, a rec set and a let (Nix 2.8 traced once per name).
let
  src = tag: builtins.trace tag { a = 1; b = 2; c = 3; };
  set = { inherit (src "set") a b c; };
  recSet = rec { inherit (src "rec") a b; d = a + b; };
  inLet = let inherit (src "let") a b c; in a + b + c;
in [ set.a set.b set.c recSet.d inLet ]
