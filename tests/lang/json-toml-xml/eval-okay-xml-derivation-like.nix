{ d = { type = "derivation"; name = "n"; drvPath = "/drv"; outPath = "/out"; }; }
