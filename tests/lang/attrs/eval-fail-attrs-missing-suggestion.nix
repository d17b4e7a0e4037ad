let s = { foobar = 1; foobaz = 2; }; in s.fooba
