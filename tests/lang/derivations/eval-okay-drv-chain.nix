let
  mk = name: attrs: derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; } // attrs);
  a = mk "a" { outputs = [ "out" "dev" ]; };
  b = mk "b" { buildInputs = [ a ]; dev = a.dev; };
  c = mk "c" { args = [ "-c" "${b}/bin/x ${a.dev}" ]; };
  d = mk "d" { inputs = [ a b c ]; script = builtins.toFile "script" "echo ${./lib/data.txt}"; };
  e = mk "e" { src = d; argsAsList = [ d.outPath c ]; };
  # A long chain: each derivation depends on the previous one.
  chain = builtins.foldl' (prev: i: mk "chain-${toString i}" { inherit prev; }) (mk "chain-0" { }) (builtins.genList (i: i + 1) 50);
in {
  paths = map (x: [ x.drvPath x.outPath ]) [ a b c d e chain ];
  eContext = builtins.getContext e.drvPath;
  cArgsContext = builtins.getContext "${b}/bin/x ${a.dev}";
}
