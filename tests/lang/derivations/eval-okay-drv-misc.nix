let
  url = "file://${toString ./lib/drvsrc/data.txt}";
in {
  fetched = builtins.fetchurl url;
  fetchedNamed = builtins.fetchurl { inherit url; name = "named"; sha256 = "0pvfiwz7pm97az8hkhpimdkyar8lkynzhnpfbam0r85nmb8v4rv6"; };
  fetchedCtx = builtins.getContext (builtins.fetchurl url);
  storePath = builtins.storePath "/nix/store/xzmd6hxskv0prl78x5x0c31n8bm0zmzr-f";
  storePathCtx = builtins.getContext (builtins.storePath "/nix/store/xzmd6hxskv0prl78x5x0c31n8bm0zmzr-f");
  isDerivation = (derivation { name = "x"; system = "x"; builder = "x"; }).type;
  derivationIsLambda = builtins.typeOf derivation;
  args = builtins.functionArgs derivation;
}
