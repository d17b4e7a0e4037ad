[
  (({ }) == ({ zz = { a = null; y = null; }; "" = { "" = true; }; }))
  (builtins.attrNames ({ } // { zz = { a = null; y = null; }; "" = { "" = true; }; }))
]
