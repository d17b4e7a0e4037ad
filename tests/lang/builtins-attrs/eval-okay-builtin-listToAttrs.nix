{
  basic = builtins.listToAttrs [ { name = "a"; value = 1; } { name = "b"; value = 2; } ];
  first-wins = builtins.listToAttrs [ { name = "a"; value = 1; } { name = "a"; value = 2; } ];
  empty = builtins.listToAttrs [ ];
  lazy-value = builtins.attrNames (builtins.listToAttrs [ { name = "a"; value = throw "x"; } ]);
  extra = builtins.listToAttrs [ { name = "a"; value = 1; other = 3; } ];
  dup-missing-value = builtins.listToAttrs [ { name = "a"; value = 1; } { name = "a"; } ];
}
