[
  (builtins.attrNames ({ } // { }))
  (({ }).x or "default")
  (({ }) ? x)
]
