[
  (builtins.mapAttrs (n: v: n) ({ "" = "} \n\t"; a = "''$ "; }))
  (({ "" = "} \n\t"; a = "''$ "; }) ? b)
]
