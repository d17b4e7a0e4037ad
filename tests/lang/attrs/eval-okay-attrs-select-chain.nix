{ a = { b = { c = { d = "deep"; }; }; }; }.a.b.c.d
