{
  yes = builtins.hasAttr "a" { a = throw "lazy"; };
  no = builtins.hasAttr "b" { a = 1; };
  empty = builtins.hasAttr "" { "" = 1; };
  partial = map (builtins.hasAttr "x") [ { x = 1; } {} ];
}
