{
  head = builtins.head [ 1 (throw "x") ];
  tail = builtins.length (builtins.tail [ (throw "x") 2 3 ]);
  tail1 = builtins.tail [ 1 ];
}
