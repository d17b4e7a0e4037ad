builtins.mapAttrs (n: v: v + 1) { a = "x"; }
