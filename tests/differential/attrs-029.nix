[
  (builtins.attrNames ({ a = [ 1 2 ]; b = [ 1 2 ]; "q r" = { y = null; }; } // { c = { }; "" = { "q r" = "b"; }; x = { a = { "q r" = true; zz = true; "" = "é$ "; b = null; }; c = null; "" = "\n\n"; }; }))
  (({ a = [ 1 2 ]; b = [ 1 2 ]; "q r" = { y = null; }; }) == ({ c = { }; "" = { "q r" = "b"; }; x = { a = { "q r" = true; zz = true; "" = "é$ "; b = null; }; c = null; "" = "\n\n"; }; }))
  (({ a = [ 1 2 ]; b = [ 1 2 ]; "q r" = { y = null; }; }).missing or "default")
  (builtins.listToAttrs [ { name = "missing"; value = 1.5; } { name = "k"; value = ({ a = [ 1 2 ]; b = [ 1 2 ]; "q r" = { y = null; }; }); } ])
  (builtins.removeAttrs ({ c = { }; "" = { "q r" = "b"; }; x = { a = { "q r" = true; zz = true; "" = "é$ "; b = null; }; c = null; "" = "\n\n"; }; }) [ "missing" "c" ])
]
