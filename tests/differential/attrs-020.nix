[
  (({ y = { "q r" = null; b = { b = null; "" = "{}"; c = 39; }; a = 1.5; zz = 1.5; }; a = true; "" = (-21); }).a or "default")
  (({ y = { "q r" = null; b = { b = null; "" = "{}"; c = 39; }; a = 1.5; zz = 1.5; }; a = true; "" = (-21); }) == ({ "" = "é\nb\""; }))
  (builtins.mapAttrs (n: v: n) ({ y = { "q r" = null; b = { b = null; "" = "{}"; c = 39; }; a = 1.5; zz = 1.5; }; a = true; "" = (-21); }))
  (builtins.attrNames ({ y = { "q r" = null; b = { b = null; "" = "{}"; c = 39; }; a = 1.5; zz = 1.5; }; a = true; "" = (-21); } // { "" = "é\nb\""; }))
  ({ y = { "q r" = null; b = { b = null; "" = "{}"; c = 39; }; a = 1.5; zz = 1.5; }; a = true; "" = (-21); } // { "" = "é\nb\""; })
]
