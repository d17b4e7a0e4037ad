[
  ({ c = "b"; "" = null; b = { x = null; c = 10; b = [ 1 2 ]; }; } // { "q r" = null; c = { "" = { y = null; a = 1.5; b = null; }; b = { a = [ 1 2 ]; b = 1.5; zz = 1.5; }; a = { "q r" = "$ b{é"; }; }; })
  (builtins.listToAttrs [ { name = "missing"; value = (-19); } { name = "k"; value = ({ c = "b"; "" = null; b = { x = null; c = 10; b = [ 1 2 ]; }; }); } ])
]
