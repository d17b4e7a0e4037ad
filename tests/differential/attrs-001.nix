[
  (({ a = ""; }) == ({ y = true; "q r" = null; c = 1.5; }))
  (builtins.removeAttrs ({ y = true; "q r" = null; c = 1.5; }) [ "a" "c" ])
]
