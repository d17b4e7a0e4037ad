{
  some = removeAttrs { a = 1; b = 2; c = 3; } [ "a" "c" "zz" ];
  none = builtins.removeAttrs { a = 1; } [ ];
  all = removeAttrs { a = 1; } [ "a" "a" ];
  lazy = builtins.attrNames (removeAttrs { a = throw "x"; b = throw "y"; } [ "a" ]);
}
