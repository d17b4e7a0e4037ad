# A builtin's own error in tail position: reported at the call.
let
  b = builtins;
  pick = xs: n: b.elemAt xs n;
in
pick [ 1 2 3 ] 7
