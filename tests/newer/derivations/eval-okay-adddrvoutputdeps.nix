# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-addDrvOutputDependencies
# Source: https://nix.dev/manual/nix/2.34/language/string-context
# A string whose context is a single derivation constant (the .drv path itself) gets
# the "derivation deep" element instead: the inverse of unsafeDiscardOutputDependency.
# The string is unchanged; a string that already has that element keeps it (idempotent).
let
  a = derivation { name = "a"; system = "x86_64-linux"; builder = "/bin/sh"; };
  constant = builtins.unsafeDiscardOutputDependency a.drvPath;
  deep = builtins.addDrvOutputDependencies constant;
in {
  constant = builtins.attrValues (builtins.getContext constant);
  deep = builtins.attrValues (builtins.getContext deep);
  sameString = deep == a.drvPath;
  sameContext = builtins.getContext deep == builtins.getContext a.drvPath;
  idempotent = builtins.getContext (builtins.addDrvOutputDependencies a.drvPath) == builtins.getContext a.drvPath;
  roundTrip = builtins.getContext (builtins.unsafeDiscardOutputDependency deep) == builtins.getContext constant;
}
