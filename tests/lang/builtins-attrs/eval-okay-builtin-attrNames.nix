{
  empty = builtins.attrNames {};
  sorted = builtins.attrNames { b = 1; a = 2; "B" = 3; "_" = 4; "a-b" = 5; "é" = 6; "z" = 7; };
  lazy = builtins.attrNames { a = throw "x"; b = abort "y"; };
  dynamic = builtins.attrNames { ${"x" + "y"} = 1; "" = 2; };
}
