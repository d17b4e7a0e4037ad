[
  ({ b = null; y = { "" = { "q r" = true; }; x = { b = [ 1 2 ]; zz = [ 1 2 ]; c = "b"; y = null; }; zz = 1.5; }; "" = 1.5; } // { zz = null; c = { c = { a = [ 1 2 ]; "q r" = ""; zz = true; }; "q r" = { }; y = { }; }; y = null; })
  (({ b = null; y = { "" = { "q r" = true; }; x = { b = [ 1 2 ]; zz = [ 1 2 ]; c = "b"; y = null; }; zz = 1.5; }; "" = 1.5; }) == ({ zz = null; c = { c = { a = [ 1 2 ]; "q r" = ""; zz = true; }; "q r" = { }; y = { }; }; y = null; }))
  (({ b = null; y = { "" = { "q r" = true; }; x = { b = [ 1 2 ]; zz = [ 1 2 ]; c = "b"; y = null; }; zz = 1.5; }; "" = 1.5; }) ? x)
  (builtins.removeAttrs ({ zz = null; c = { c = { a = [ 1 2 ]; "q r" = ""; zz = true; }; "q r" = { }; y = { }; }; y = null; }) [ "x" "c" ])
]
