# An error while a builtin's strict argument is forced (the builtin given all its
# arguments in tail position; the argument too deep for the synchronous path).
let
  b = builtins;
  deep = n: if n == 0 then throw "deep failure" else let r = deep (n - 1); in if r == null then 0 else r;
  f = xs: b.elemAt xs 0;
in
f (deep 50)
