{ a = 1; b = throw "json throws"; }
