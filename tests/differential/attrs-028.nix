[
  (({ }) == ({ zz = (-26); a = null; }))
  (builtins.attrNames ({ } // { zz = (-26); a = null; }))
  (builtins.mapAttrs (n: v: n) ({ }))
  (({ }).zz or "default")
  (({ }) ? zz)
]
