# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.17
# Once merged (Nix >= 2.17), a dynamic attribute of the second declaration that
# names an attribute of the first is a duplicate (Nix 2.8 dropped it silently).
let b = "b"; in {
  a = { b = 1; };
  a = { ${b} = 2; };
}
