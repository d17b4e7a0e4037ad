[
  (builtins.removeAttrs ({ a = true; "q r" = { y = { "q r" = [ 1 2 ]; }; x = true; "" = "xyz{a"; }; }) [ "a" "c" ])
  (builtins.attrNames ({ } // { a = true; "q r" = { y = { "q r" = [ 1 2 ]; }; x = true; "" = "xyz{a"; }; }))
]
