let e = "é"; in
{ ${builtins.substring 0 1 e + builtins.substring 1 1 e} = 1; "é" = 2; }
