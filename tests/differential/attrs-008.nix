[
  (builtins.attrNames ({ y = { y = true; }; } // { }))
  (({ y = { y = true; }; }) ? missing)
  (({ y = { y = true; }; }) == ({ }))
  (builtins.listToAttrs [ { name = "missing"; value = "$ "; } { name = "k"; value = ({ y = { y = true; }; }); } ])
  (({ y = { y = true; }; }).missing or "default")
]
