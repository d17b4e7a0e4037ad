{ a = 1 + 1; b = "s"; c = x: x; d = [ 1 ]; e = { }; f = builtins.add; g = null; h = 1; i = ./p; }
