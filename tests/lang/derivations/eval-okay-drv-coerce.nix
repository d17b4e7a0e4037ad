let
  dep = derivation { name = "dep"; system = "x"; builder = "/bin/sh"; };
  d = derivation {
    name = "coerce";
    system = "x86_64-linux";
    builder = "/bin/sh";
    args = [ "-c" 1 true false null 1.5 [ "a" [ ] "b" ] ./lib/data.txt dep ];
    int = 42; neg = -7; float = 0.1; exp = 1.0e20; t = true; f = false; n = null;
    list = [ 1 [ 2 [ ] 3 ] "s" null false ];
    emptyList = [ ];
    path = ./lib/data.txt;
    drv = dep;
    withOutPath = { outPath = "/some/where"; };
    withToString = { __toString = self: "str"; };
    multiline = "a\nb\tc\"d\\e";
  };
  i = derivation { name = "ign"; system = "x"; builder = "x"; __ignoreNulls = true; x = null; y = 1; };
  i2 = derivation { name = "ign"; system = "x"; builder = "x"; __ignoreNulls = false; x = null; y = 1; };
in [ d.drvPath d.outPath i.drvPath i2.drvPath ]
