{
  missing = builtins.unsafeGetAttrPos "zz" { a = 1; };
  empty = builtins.unsafeGetAttrPos "a" { };
}
