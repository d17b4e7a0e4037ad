# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.17
# "Nested dynamic attributes are now merged correctly by the parser": the dynamic
# attributes of a second declaration of the same attribute set are kept (Nix 2.8
# silently discarded `nested.bar`). The merged set is rec when the first one is.
let
  c = "c";
  x = 5;
in {
  nested = {
    foo = 1;
  };
  nested = {
    ${"ba" + "r"} = 2;
  };
  other = rec { x = 1; };
  other = { ${c} = x; y = 3; };
  path.foo = 1;
  path.${"ba" + "r"} = 2;
}
