let s = { "in" = 1; "assert" = 2; }; in s.in + s.assert
