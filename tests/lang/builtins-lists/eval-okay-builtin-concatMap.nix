{
  basic = builtins.concatMap (x: [ x x ]) [ 1 2 ];
  empty = builtins.concatMap (x: throw "f") [ ];
}
