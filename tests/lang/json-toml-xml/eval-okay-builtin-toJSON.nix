builtins.toJSON { a = [ 1 2.5 "s\n\"" null true ]; b = { outPath = "/o"; }; c = { __toString = s: "x"; }; p = ./lib/data.txt; e = { }; f = [ ]; u = "é\u0001"; }
