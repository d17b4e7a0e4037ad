{
  empty = builtins.length [ ];
  lazy = builtins.length (map throw [ 1 2 ]);
  elems = builtins.length [ (throw "a") (abort "b") 3 ];
}
