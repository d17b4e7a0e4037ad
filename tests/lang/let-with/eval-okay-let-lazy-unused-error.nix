let bad = throw "never"; good = 3; in good
