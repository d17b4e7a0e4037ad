{ a = { outPath = "/store/thing"; ignored = 1; }; }
