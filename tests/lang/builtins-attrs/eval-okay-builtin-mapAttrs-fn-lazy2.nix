builtins.attrNames (builtins.mapAttrs (throw "f is lazy") { a = 1; })
