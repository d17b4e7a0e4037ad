# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-outputOf
# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-dynamic-derivations
# For an input-addressed derivation the output path is statically known, and outputOf
# returns it: the same string and context (that output) as the output's outPath. The
# derivation is given by its .drv path with the constant context (unsafeDiscardOutputDependency).
# Instantiated (not --eval), so that the .drv is written and outputOf may read it; the
# expected .drv path of b is that of the same derivation written with a.outPath and a.dev.outPath.
let
  a = derivation { name = "a"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "dev" ]; };
  ref = builtins.unsafeDiscardOutputDependency a.drvPath;
  out = builtins.outputOf ref "out";
  dev = builtins.outputOf ref "dev";
in
assert out == a.outPath && builtins.getContext out == builtins.getContext a.outPath;
assert dev == a.dev.outPath && builtins.getContext dev == builtins.getContext a.dev.outPath;
derivation { name = "b"; system = "x86_64-linux"; builder = "/bin/sh"; dep = out; inherit dev; }
