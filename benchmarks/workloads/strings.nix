# String-heavy work: building and escaping strings, replaceStrings, splitting,
# version parsing and ordering with splitVersion/compareVersions.
# 1x = 5,000 package-like names and versions.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  inherit (lib) mod;

  n = lib.scaled 5000 size;
  words = [ "gnu" "lib" "python" "perl" "rust" "go" "haskell" "node" "qt" "gtk"
            "x11" "wayland" "ssl" "zlib" "curl" "git" "vim" "emacs" "tex" "mesa" ];
  word = i: b.elemAt words (mod i (b.length words));

  suffixes = [ "" "pre1" "rc2" "alpha" "beta3" "-unstable-2022-05-01" "a" "post4" ];
  versionOf = i:
    "${toString (mod i 4)}.${toString (mod (i * 7) 23)}.${toString (mod (i * 3) 11)}"
    + b.elemAt suffixes (mod i (b.length suffixes));
  nameOf = i: "${word i}-${word (i / 20)}${toString i}";

  entries = b.genList (i: { name = nameOf i; version = versionOf i; }) n;

  # Version handling
  sortedVersions = b.sort (x: y: b.compareVersions x y < 0) (map (e: e.version) entries);
  newest = lib.last sortedVersions;
  parts = b.concatMap b.splitVersion (map (e: e.version) entries);
  majorMinors = map (e: lib.majorMinor e.version) entries;
  atLeast = lib.count (e: lib.versionAtLeast e.version "2.10") entries;
  parsed = map (e: b.parseDrvName "${e.name}-${e.version}") entries;

  # Text building
  shellLine = lib.escapeShellArgs (map (e: "${e.name} it's ${e.version}") entries);
  upper = map (e: lib.toUpper e.name) entries;
  renamed = map (e: b.replaceStrings [ "-" "lib" "python" ] [ "_" "LIB" "py" ] e.name) entries;
  hexes = lib.concatMapStringsSep "," (e: lib.intToHex (b.stringLength e.name * 4099)) entries;
  padded = lib.concatImapStringsSep "\n" (i: e: "${lib.fixedWidthNumber 6 i} ${e.name}") entries;
  csv = lib.concatMapStringsSep "\n" (e: lib.concatMapStringsSep ";" lib.id [ e.name e.version (lib.majorMinor e.version) ]) entries;
  splitBack = lib.splitString "\n" csv;
  fields = map (lib.splitString ";") splitBack;
  prefixed = lib.count (lib.hasPrefix "python") (map (e: e.name) entries);
  stripped = map (e: lib.removeSuffix "pre1" (lib.removePrefix "gnu-" e.name + e.version)) entries;
  chars = lib.count (c: c == "e") (lib.stringToCharacters (lib.concatStrings (lib.take 500 upper ++ lib.take 500 renamed)));
  report = ''
    packages: ${toString n}
    newest: ${newest}
    ${lib.concatMapStringsSep "\n" (l: "  - ${l}") (lib.take 5 (b.filter (l: l != "") (lib.splitString "\n" padded)))}
  '';
in
{
  inherit newest atLeast prefixed chars report;
  oldest = b.head sortedVersions;
  versionsDigest = lib.digest (b.concatStringsSep " " sortedVersions);
  partCount = b.length parts;
  majorMinorsDigest = lib.digest (toString majorMinors);
  parsedDigest = lib.digest (lib.concatMapStringsSep "," (p: p.name + "/" + p.version) parsed);
  shellLength = b.stringLength shellLine;
  shellDigest = lib.digest shellLine;
  upperDigest = lib.digest (toString upper);
  renamedDigest = lib.digest (toString renamed);
  hexesDigest = lib.digest hexes;
  fieldCount = b.length (b.concatLists fields);
  strippedDigest = lib.digest (toString stripped);
}
