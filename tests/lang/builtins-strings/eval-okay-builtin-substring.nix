{
  basic = builtins.substring 1 2 "abcd";
  past-end = builtins.substring 2 10 "abcd";
  start-past = builtins.substring 10 2 "abcd";
  neg-len = builtins.substring 1 (-1) "abcd";
  zero = builtins.substring 0 0 "abcd";
  bytes = builtins.substring 0 1 "éa";
  bytes2 = builtins.stringLength (builtins.substring 1 2 "éa");
  whole-utf8 = builtins.substring 0 2 "éa";
  set = builtins.substring 0 2 { outPath = "xyz"; };
  lazy-len-0 = builtins.substring 0 0 "";
}
