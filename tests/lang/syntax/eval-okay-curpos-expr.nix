let x = 1; in
  [ __curPos (builtins.unsafeGetAttrPos "a" { a = 1; }) ]
