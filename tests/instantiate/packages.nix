# A small package set for `nixeval FILE -A attr` (instantiation) tests.
{ system ? "x86_64-linux" }:
let
  mk = name: attrs: derivation ({ inherit name system; builder = "/bin/sh"; } // attrs);
  lib = mk "lib" { outputs = [ "out" "dev" "doc" ]; src = ../lang/derivations/lib/drvsrc; };
  tool = mk "tool" { buildInputs = [ lib lib.dev ]; script = builtins.toFile "build.sh" "cat ${../lang/derivations/lib/drvsrc/data.txt}"; };
  fetched = mk "fetched" { outputHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; };
in {
  inherit lib tool fetched;
  app = mk "app" { inputs = [ tool fetched ]; drv = tool.drvPath; };
  nested = { recurseForDerivations = true; inner = mk "inner" { }; deeper.skipped = mk "skipped" { }; };
  list = [ (mk "l1" { }) lib.dev ];
  structured = mk "structured" { __structuredAttrs = true; deps = [ tool ]; };
  notAPackage = 1;
}
