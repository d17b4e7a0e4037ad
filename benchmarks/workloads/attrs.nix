# Attrset-heavy work: genAttrs/listToAttrs over 10,000+ names, mapAttrs,
# recursiveUpdate of nested configuration trees, filterAttrs, `//` chains,
# dynamic attribute lookups, attrNames/attrValues, zipAttrsWith, catAttrs.
# 1x = 12,000 names.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  inherit (lib) mod;

  n = lib.scaled 12000 size;
  names = b.genList (i: "attr${lib.fixedWidthNumber 6 i}") n;

  base = lib.genAttrs names (name: { inherit name; len = b.stringLength name; });
  indexed = b.listToAttrs (lib.imap0 (i: name: lib.nameValuePair name i) names);
  mapped = b.mapAttrs (name: v: v.len + indexed.${name}) base;
  evens = lib.filterAttrs (name: v: mod v 2 == 0) mapped;
  renamed = lib.mapAttrs' (name: v: lib.nameValuePair "r-${name}" (v * 2)) evens;

  # Nested trees, merged recursively (like NixOS configuration fragments).
  tree = i: {
    services."svc${toString (mod i 100)}" = {
      enable = mod i 3 == 0;
      settings.port = 1000 + i;
      settings."opt${toString (mod i 7)}" = i;
    };
    users."user${toString (mod i 50)}".groups.${"g${toString (mod i 5)}"} = true;
    env.PATH = "p${toString i}";
  };
  merged = b.foldl' lib.recursiveUpdate { } (b.genList tree (n / 10));

  # A chain of `//` updates and dynamic lookups.
  chain = b.foldl' (acc: i: acc // { "k${toString (mod i 500)}" = i; }) { } (b.genList lib.id (n / 4));
  lookups = lib.sum (map (i: chain."k${toString (mod (i * 7) 500)}" or 0) (b.genList lib.id n));

  zipped = b.zipAttrsWith (name: vs: b.length vs)
    (b.genList (i: { "z${toString (mod i 97)}" = i; "w${toString (mod i 13)}" = i; }) (n / 10));
  cats = b.catAttrs "len" (b.attrValues base);
  inter = b.intersectAttrs evens base;
  removed = b.removeAttrs mapped (lib.take (n / 2) names);
  paths = lib.collect b.isInt merged;
  deep = lib.attrByPath [ "services" "svc42" "settings" "port" ] null merged;
  grown = lib.setAttrByPath [ "a" "b" "c" "d" ] 1;
in
{
  count = b.length (b.attrNames base);
  evens = b.length (b.attrNames evens);
  renamedSum = lib.sum (b.attrValues renamed);
  mappedDigest = lib.digest (toString (b.attrValues mapped));
  mergedServices = b.length (b.attrNames merged.services);
  mergedUsers = b.attrNames (merged.users.user7.groups or { });
  mergedSettings = merged.services.svc42.settings or null;
  enabled = lib.count (s: s.enable) (b.attrValues merged.services);
  inherit lookups deep grown;
  zipped = lib.sum (b.attrValues zipped);
  cats = lib.sum cats;
  inter = b.length (b.attrNames inter);
  removed = b.length (b.attrNames removed);
  paths = b.length paths;
  hasAll = b.all (name: mapped ? ${name}) names;
}
