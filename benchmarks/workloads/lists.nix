# List-heavy work over 100,000 elements at 1x: genList, map, filter, sort with
# a Nix comparator, foldl', concatMap, partition, groupBy, elemAt, length,
# list concatenation, unique-by-attrset.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  inherit (lib) mod;

  n = lib.scaled 100000 size;
  # A cheap deterministic pseudo-random sequence.
  rand = i: mod (i * 1103515245 + 12345) 2147483648;
  xs = b.genList rand n;

  sorted = b.sort (x: y: x < y) xs;
  sortedDesc = b.sort (x: y: x > y) (lib.take (n / 4) xs);
  evens = b.filter (x: mod x 2 == 0) xs;
  total = b.foldl' (acc: x: acc + mod x 1000) 0 xs;
  maxi = b.foldl' (acc: x: if x > acc then x else acc) 0 xs;
  doubled = map (x: x * 2) evens;
  pairs = b.concatMap (x: [ (mod x 10) (mod x 7) ]) (lib.take (n / 2) xs);
  parts = b.partition (x: x > 1073741824) xs;
  groups = b.groupBy (x: toString (mod x 16)) (lib.take (n / 2) xs);
  small = map (x: mod x 100) (lib.take (n / 10) xs);
  uniq = lib.unique small;
  appended = b.foldl' (acc: x: acc ++ [ x ]) [ ] (lib.take (n / 100) xs);
  records = b.genList (i: { id = i; key = rand i; }) (n / 10);
  byKey = lib.sortOn (r: r.key) records;
  zipped = lib.zipListsWith (a: c: a - c) (lib.take (n / 2) sorted) (lib.drop (n / 2) sorted);
  sumElemAt = lib.sum (b.genList (i: b.elemAt sorted (mod (i * 31) n)) (n / 10));
  nested = b.concatLists (b.genList (i: b.genList (j: i * j) 10) (n / 10));
  anyBig = b.any (x: x > 2147483000) xs;
  allPos = b.all (x: x >= 0) xs;
in
{
  length = b.length xs;
  first = b.head sorted;
  last = lib.last sorted;
  median = b.elemAt sorted (n / 2);
  descHead = b.head sortedDesc;
  evens = b.length evens;
  inherit total maxi anyBig allPos sumElemAt;
  doubledSum = lib.sum (map (x: mod x 1000) doubled);
  pairs = lib.sum pairs;
  right = b.length parts.right;
  groups = b.mapAttrs (_: v: b.length v) groups;
  uniq = b.length uniq;
  appended = b.length appended;
  byKey = map (r: r.id) (lib.take 5 byKey);
  zipped = lib.sum (map (x: mod x 1000) zipped);
  nested = lib.sum nested;
  sortedDigest = lib.digest (toString (lib.take 1000 sorted));
}
