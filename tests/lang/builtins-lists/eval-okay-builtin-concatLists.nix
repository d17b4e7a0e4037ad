{
  basic = builtins.concatLists [ [ 1 ] [ ] [ 2 3 ] ];
  empty = builtins.concatLists [ ];
  lazy = builtins.length (builtins.concatLists [ [ (throw "x") ] ]);
}
