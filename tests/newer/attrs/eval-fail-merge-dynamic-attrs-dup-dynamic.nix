# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.17
# Two dynamic attributes of the same name, one in each declaration: the second is
# a duplicate of the first (Nix 2.8 kept only the first declaration's).
let b = "b"; in {
  a = { ${b} = 1; };
  a = { ${b} = 2; };
}
