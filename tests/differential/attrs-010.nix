[
  (builtins.listToAttrs [ { name = "a"; value = 1.5; } { name = "k"; value = ({ a = "xyz"; }); } ])
  (builtins.mapAttrs (n: v: n) ({ a = "xyz"; }))
]
