{
  yes = builtins.elem 2 [ 1 2 3 ];
  no = builtins.elem 4 [ 1 2 3 ];
  float = builtins.elem 1 [ 1.0 ];
  nested = builtins.elem [ 1 { a = 2; } ] [ [ 1 { a = 2; } ] ];
  short = builtins.elem 1 [ 1 (throw "not reached") ];
  empty = builtins.elem 1 [ ];
  fn = builtins.elem (x: x) [ ];
}
