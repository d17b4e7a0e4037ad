# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-getFlake
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-format
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-flake#flake-inputs
# getFlake of a local `path:` flake without a lock file. `outputs` is called with
# `self` and one argument per input; each input (and the result) holds its outputs,
# its source tree's metadata (outPath, narHash, lastModified, lastModifiedDate),
# `inputs`, `outputs`, `sourceInfo` and `_type = "flake"`; an input with
# `flake = false` is its source tree only. A `path:./sub` input is the directory
# `sub` of the same tree.
let f = builtins.getFlake "path:${toString ./getflake-simple}"; in
{
  inherit (f) answer fromLib selfType selfNames subNames libNames _type;
  subOutPath = f.inputs.sub.outPath == f.outPath + "/sub";
  sameSource = f.sourceInfo.outPath == f.outPath;
  outputs = builtins.attrNames f.outputs;
}
