let
  d = derivation { name = "ctx"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" ]; };
  p = "${./lib/data.txt}";
  plain = builtins.unsafeDiscardStringContext d.drvPath;
  ctx = builtins.getContext;
in {
  drvPath = ctx d.drvPath;
  outputs = ctx "${d}${d.dev}";
  path = ctx p;
  discardOutput = ctx (builtins.unsafeDiscardOutputDependency d.drvPath);
  discardOutputOfSet = builtins.unsafeDiscardOutputDependency d;
  discardOutputPath = builtins.unsafeDiscardOutputDependency ./lib/data.txt;
  discard = [ (builtins.unsafeDiscardStringContext d) (builtins.unsafeDiscardStringContext ./lib/data.txt) ];
  has = map builtins.hasContext [ d.drvPath "" (builtins.substring 0 0 d.outPath) plain p ];
  append = ctx (builtins.appendContext "a" { ${plain} = { outputs = [ "out" "dev" ]; allOutputs = true; path = true; }; });
  appendKeeps = ctx (builtins.appendContext d.dev.outPath { ${plain} = { outputs = [ "out" ]; path = false; }; });
  appendEmpty = builtins.appendContext "x" { };
  roundTrip = let s = "${d}${d.dev}${p}"; in ctx (builtins.appendContext (builtins.unsafeDiscardStringContext s) (ctx s)) == ctx s;
  propagation = map ctx [
    (d + "a") ("a" + d.dev) "x${d}y"
    (builtins.concatStringsSep p [ d.drvPath "x" ])
    (builtins.concatStringsSep "," [ d ])
    (builtins.replaceStrings [ "a" ] [ d.dev.outPath ] "abc")
    (builtins.replaceStrings [ "z" ] [ d.dev.outPath ] "abc")
    (builtins.substring 0 3 d.outPath)
    (toString d) (toString [ d d.dev ])
    (builtins.toJSON { a = d; b = [ ./lib/data.txt ]; })
    (builtins.baseNameOf d) (builtins.dirOf d.dev)
    (builtins.toXML d.outPath)
  ];
}
