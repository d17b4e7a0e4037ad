{
  a = builtins.getAttr "a" { a = 1; b = throw "no"; };
  nested = builtins.getAttr "x" (builtins.getAttr "y" { y = { x = "deep"; }; });
}
