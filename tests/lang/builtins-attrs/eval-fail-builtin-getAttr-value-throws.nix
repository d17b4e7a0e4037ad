builtins.getAttr "a" { a = throw "boom"; }
