{
  first = builtins.elemAt [ 1 2 3 ] 0;
  last = builtins.elemAt [ 1 2 3 ] 2;
  lazy = builtins.elemAt [ (throw "x") 2 ] 1;
}
