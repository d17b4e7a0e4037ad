# Baseline: start the evaluator, parse a tiny file, print a constant. The
# size parameter is accepted and ignored.
{ size ? "1x" }:
{ hello = "world"; answer = 6 * 7; }
