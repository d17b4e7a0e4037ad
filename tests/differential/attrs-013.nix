[
  (builtins.listToAttrs [ { name = "x"; value = 36; } { name = "k"; value = ({ }); } ])
  (builtins.mapAttrs (n: v: n) ({ }))
  (builtins.attrNames ({ } // { a = true; "q r" = null; "" = (-8); y = [ 1 2 ]; }))
]
