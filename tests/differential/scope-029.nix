let f = { a, b ? a + 44, ... }@args: [ a b (builtins.attrNames args) ]; in f { a = 29; z = (-19); }
