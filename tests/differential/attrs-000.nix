[
  (({ a = { c = "\n "; "q r" = 1.5; b = "éb"; }; "" = 46; x = ""; }) ? x)
  (({ a = { c = "\n "; "q r" = 1.5; b = "éb"; }; "" = 46; x = ""; }) == ({ }))
  (builtins.removeAttrs ({ }) [ "x" "c" ])
  (builtins.attrNames ({ a = { c = "\n "; "q r" = 1.5; b = "éb"; }; "" = 46; x = ""; } // { }))
]
