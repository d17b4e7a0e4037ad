# Two derivations compare by outPath before their sizes (nixpkgs' python
# isMismatchedPython compares a package's pythonModule, with extra passthru, to python).
let
  d = { type = "derivation"; outPath = "x"; a = 1; };
  e = { type = "derivation"; outPath = "x"; };
  f = { type = "derivation"; outPath = "y"; };
  g = { type = "other"; outPath = "x"; a = 1; };
in [ (d == e) (d != e) (e == f) (d == g) ({ type = "derivation"; a = 1; } == { type = "derivation"; })
     ([ d ] == [ e ]) ({ x = d; } == { x = e; }) ]
