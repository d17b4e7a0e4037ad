let s = { t = { u = 5; }; }; in { inherit (s.t) u; inherit (s) t; }
