[
  (builtins.mapAttrs (n: v: n) ({ }))
  (({ }) ? missing)
  (({ }) == ({ }))
  (({ }).missing or "default")
]
