[
  ({ } // { "q r" = null; x = (-4); })
  (builtins.attrNames ({ } // { "q r" = null; x = (-4); }))
  (builtins.mapAttrs (n: v: n) ({ }))
]
