# A flake without a lock file, for eval-okay-getflake-simple.nix.
{
  description = "a local flake";
  inputs.sub.url = "path:./sub";
  inputs.lib = { url = "path:./lib"; flake = false; };
  outputs = { self, sub, lib }: {
    answer = 1 + sub.value;
    fromLib = import ./lib/value.nix;
    selfType = self._type;
    selfNames = builtins.attrNames self;
    subNames = builtins.attrNames sub;
    libNames = builtins.attrNames lib;
  };
}
