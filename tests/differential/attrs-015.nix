[
  (builtins.listToAttrs [ { name = "a"; value = 1.5; } { name = "k"; value = ({ zz = "\t"; y = { b = [ 1 2 ]; a = 1.5; }; a = { "q r" = { x = ""; b = true; zz = 19; a = [ 1 2 ]; }; c = { "" = true; }; y = null; }; "q r" = [ 1 2 ]; }); } ])
  (({ zz = "\t"; y = { b = [ 1 2 ]; a = 1.5; }; a = { "q r" = { x = ""; b = true; zz = 19; a = [ 1 2 ]; }; c = { "" = true; }; y = null; }; "q r" = [ 1 2 ]; }) ? a)
  ({ zz = "\t"; y = { b = [ 1 2 ]; a = 1.5; }; a = { "q r" = { x = ""; b = true; zz = 19; a = [ 1 2 ]; }; c = { "" = true; }; y = null; }; "q r" = [ 1 2 ]; } // { b = true; x = { }; })
  (builtins.mapAttrs (n: v: n) ({ zz = "\t"; y = { b = [ 1 2 ]; a = 1.5; }; a = { "q r" = { x = ""; b = true; zz = 19; a = [ 1 2 ]; }; c = { "" = true; }; y = null; }; "q r" = [ 1 2 ]; }))
]
