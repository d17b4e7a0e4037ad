builtins.intersectAttrs 1 { }
