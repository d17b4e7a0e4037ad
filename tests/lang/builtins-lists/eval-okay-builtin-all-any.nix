{
  all1 = builtins.all (x: x > 0) [ 1 2 ];
  all2 = builtins.all (x: x > 1) [ 1 (throw "short") ];
  any1 = builtins.any (x: x > 1) [ 1 2 ];
  any2 = builtins.any (x: x > 0) [ 1 (throw "short") ];
}
