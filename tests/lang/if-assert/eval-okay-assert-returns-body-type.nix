assert true; { ok = true; }
