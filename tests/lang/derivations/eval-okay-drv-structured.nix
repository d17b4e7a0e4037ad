let
  dep = derivation { name = "dep"; system = "x"; builder = "/bin/sh"; outputs = [ "out" "lib" ]; };
  d = derivation {
    name = "structured";
    system = "x86_64-linux";
    builder = "/bin/sh";
    __structuredAttrs = true;
    outputs = [ "out" "doc" ];
    list = [ 1 2.5 "s" null true false [ ] { } ];
    set = { b = 1; a = "x\ny\"z\\"; c.d = [ dep ]; };
    path = ./lib/data.txt;
    withOutPath = { outPath = "o"; };
    withToString = { __toString = self: "t"; };
    lib = dep.lib;
    big = 12345678901;
    neg = -3;
    float = 0.1;
  };
in [ d.drvPath d.outPath d.doc.outPath (builtins.getContext d.drvPath) ]
