with { s = { t = 3; }; }; s.t
