"""nixeval benchmarks: named Nix workloads timed against nix-instantiate.

Run with `python -m benchmarks` from the repository root (see README.md).

- `registry`: the workloads (Nix files under `workloads/`, nixpkgs workloads
  built from a checkout path) and how to turn a size into command-line flags.
- `measure`: running one evaluator process with a timeout, recording wall
  time and the child's peak RSS (from `os.wait4`).
- `runner`: the command line, A/B alternation, output comparison, tables,
  the scaling mode and JSON output.
"""
