[ (builtins.unsafeGetAttrPos "x" (builtins.listToAttrs [ { name = "x"; value = 1; } ]))
  (builtins.unsafeGetAttrPos "a" (builtins.mapAttrs (n: v: v) { a = 1; })) ]
