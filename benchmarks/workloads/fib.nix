# fib 25, the canonical micro benchmark: function calls, arithmetic,
# comparisons, no data structures. 1x = fib 25 once; Nx = fib 25 N times;
# sizes below 1x compute fib 15 instead.
{ size ? "1x" }:
let
  b = builtins;
  lib = import ./lib.nix;
  scale = lib.scaleOf size;
  fib = n: if n < 2 then n else fib (n - 1) + fib (n - 2);
  arg = if scale < 1 then 15 else 25;
  reps = lib.scaled 1 size;
in
lib.sum (b.genList (i: fib (arg + i * 0)) reps)
