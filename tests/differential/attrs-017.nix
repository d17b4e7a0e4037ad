[
  (builtins.listToAttrs [ { name = "a"; value = ""; } { name = "k"; value = ({ x = 39; "q r" = { }; }); } ])
  (({ x = 39; "q r" = { }; }) == ({ "q r" = { }; c = [ 1 2 ]; x = [ 1 2 ]; }))
  ({ x = 39; "q r" = { }; } // { "q r" = { }; c = [ 1 2 ]; x = [ 1 2 ]; })
]
