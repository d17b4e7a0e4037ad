# Derivations whose instantiation writes every kind of store object: copied
# sources, a filtered tree, a flat file, toFile texts with references and .drv
# files depending on each other; a copied source is imported while evaluating.
let
  mk = name: attrs: derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; } // attrs);
  tree = ./src/tree;
  filtered = builtins.filterSource (p: t: builtins.match ".*\\.log" p == null) ./src/tree;
  named = builtins.path { path = ./src/tree; name = "named"; filter = p: t: t != "symlink"; };
  flat = builtins.path { path = ./src/flat.txt; recursive = false; };
  script = builtins.toFile "script.sh" "cat ${tree}/data.txt ${./src/flat.txt}";
  imported = import "${./src/imported.nix}";
  lib = mk "lib" { outputs = [ "out" "dev" ]; src = tree; inherit filtered; };
  fixed = mk "fixed" { outputHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; };
in {
  inherit lib fixed;
  app = mk "app" {
    inherit named flat script;
    inherit (imported) greeting;
    deps = [ lib lib.dev fixed ];
    libDrv = lib.drvPath;
    args = [ "-c" ./src/tree/build.sh ];
  };
}
