[
  (builtins.mapAttrs (n: v: n) ({ "q r" = { c = { "" = ""; c = true; zz = "\"\""; }; }; }))
  (builtins.removeAttrs ({ "" = 1.5; b = ""; }) [ "zz" "c" ])
  (({ "q r" = { c = { "" = ""; c = true; zz = "\"\""; }; }; }) == ({ "" = 1.5; b = ""; }))
]
