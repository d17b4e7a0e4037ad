builtins.lessThan [ ] [ ]
