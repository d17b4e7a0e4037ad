[
  (builtins.mapAttrs (n: v: n) ({ }))
  (({ }).x or "default")
]
