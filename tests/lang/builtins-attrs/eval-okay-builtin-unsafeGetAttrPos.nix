let s = { a = 1;
  b = 2; };
in {
  a = builtins.unsafeGetAttrPos "a" s;
  b = builtins.unsafeGetAttrPos "b" s;
}
