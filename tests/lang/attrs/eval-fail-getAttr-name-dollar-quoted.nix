builtins.getAttr "a\${b" { }
