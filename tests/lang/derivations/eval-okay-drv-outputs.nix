let
  d = derivation { name = "multi"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" "bin" "lib" ]; };
  s = derivationStrict { name = "split"; system = "x"; builder = "x"; outputs = "a  b\tc"; };
in {
  inherit (d) drvPath outPath outputName outputs type;
  dev = [ d.dev.outPath d.dev.outputName d.dev.drvPath ];
  bin = d.bin.outPath;
  all = map (o: o.outputName) d.all;
  names = builtins.attrNames d;
  same = d.out == d && d.all == [ d d.dev d.bin d.lib ];
  split = s;
  drvAttrs = d.drvAttrs;
}
