{
  basic = builtins.genList (x: x * x) 5;
  zero = builtins.genList (throw "f") 0;
  lazy = builtins.length (builtins.genList (x: throw "no") 3);
  lazy-fn = builtins.length (builtins.genList (throw "f") 3);
  one = builtins.elemAt (builtins.genList (x: if x == 1 then "one" else throw "no") 3) 1;
}
