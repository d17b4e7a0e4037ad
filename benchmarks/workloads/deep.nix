# Deep, non-tail recursion: 10,000 levels at 1x (Nx = N * 10,000 levels).
# C++ Nix 2.8 recurses on the C stack and dies with "stack overflow" somewhere
# between 50x and 80x depending on the pattern; the runner does not ask the
# reference evaluator to run sizes above `ORACLE_MAX_SCALE` in workloads.py.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  depth = lib.scaled 10000 size;

  # 1 + f (n - 1): the classic.
  count = n: if n == 0 then 0 else 1 + count (n - 1);
  # Mutual recursion with a non-tail `!`.
  isEven = n: if n == 0 then true else !(isOdd (n - 1));
  isOdd = n: if n == 0 then false else !(isEven (n - 1));
  # A right fold builds its result from the inside out.
  folded = lib.foldr (x: acc: x + acc) 0 (lib.range 1 depth);
  # A linked list as nested attrsets, walked recursively.
  build = n: if n == 0 then null else { value = n; next = build (n - 1); };
  len = l: if l == null then 0 else 1 + len l.next;
  # String built by non-tail recursion.
  str = n: if n == 0 then "" else "${str (n - 1)}${if lib.mod n 1000 == 0 then "|" else ""}";
in
{
  count = count depth;
  even = isEven depth;
  inherit folded;
  length = len (build depth);
  bars = b.stringLength (str depth);
}
