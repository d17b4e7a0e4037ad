let f = { a, b ? a + 18, ... }@args: [ a b (builtins.attrNames args) ]; in f { a = (-29); z = (-26); }
