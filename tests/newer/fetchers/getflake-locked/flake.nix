# A flake whose input is locked in flake.lock, for eval-okay-getflake-locked.nix.
{
  inputs.sub.url = "path:./sub";
  outputs = { self, sub }: {
    fromSub = sub.greeting;
    subInputs = builtins.attrNames sub.inputs;
  };
}
