[
  (builtins.mapAttrs (n: v: n) ({ "" = [ 1 2 ]; b = "\"''"; y = 1.5; "q r" = { }; }))
  (builtins.listToAttrs [ { name = "x"; value = null; } { name = "k"; value = ({ "" = [ 1 2 ]; b = "\"''"; y = 1.5; "q r" = { }; }); } ])
  (builtins.attrNames ({ "" = [ 1 2 ]; b = "\"''"; y = 1.5; "q r" = { }; } // { }))
]
