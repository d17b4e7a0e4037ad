[
  (builtins.removeAttrs ({ }) [ "b" "c" ])
  (({ }) ? b)
  (builtins.listToAttrs [ { name = "b"; value = true; } { name = "k"; value = ({ }); } ])
  (({ }) == ({ }))
  (({ }).b or "default")
]
