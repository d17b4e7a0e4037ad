# A trailing comma after a formal with a default, with `@`, inside parentheses (tree-sitter-nix
# 0.1.0 recovers with an ERROR holding the comma; the lowering checks Nix's formals grammar).
let
  f = { a ? 1, }: a;
  g = { a, b ? 2, }@x: a + b + x.a;
in [ (f { }) (g { a = 1; }) ((x@{ a ? 3, b, }: a + x.b) { b = 4; }) (({ p ? { }, }: p) { }) ]
