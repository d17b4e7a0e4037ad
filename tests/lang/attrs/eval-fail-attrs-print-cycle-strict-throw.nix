{ a = 1; b = throw "inside attrs"; }
