{ a = { b = 1 + 1; }; c = throw "not selected"; }
