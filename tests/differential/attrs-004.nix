[
  (builtins.listToAttrs [ { name = "missing"; value = true; } { name = "k"; value = ({ }); } ])
  (({ }) == ({ }))
  (builtins.attrNames ({ } // { }))
  ({ } // { })
  (builtins.removeAttrs ({ }) [ "missing" "c" ])
]
