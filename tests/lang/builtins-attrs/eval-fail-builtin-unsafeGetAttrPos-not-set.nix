builtins.unsafeGetAttrPos "a" [ ]
