# `//` glued to its operands is the update operator, as Nix lexes it; tree-sitter-nix 0.1.0
# reads `a//b` as one path token (repaired by re-parsing with spaces, see repair.py).
let
  a = { x = 1; };
  b = { y = 2; };
  s = { c = { z = 3; }; };
in [ (a//b) (a//s.c) (s.c//a) (a//b//{ w = 4; }) ((a//b).y) ]
