# Source: https://nix.dev/manual/nix/2.34/language/operators#pipe-operators
# and # Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.24 (Add `pipe-operators` experimental feature):
# "a |> b is equivalent to b a", "a <| b is equivalent to a b"; the manual's examples.
[
  (1 |> builtins.add 2 |> builtins.mul 3)
  (builtins.add 1 <| builtins.mul 2 <| 3)
]
