# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# Source: https://github.com/NixOS/nix/commit/1edd6fada53553b89847ac3981ac28025857ca02
# Since Nix 2.21 an inherited attribute is placed at its own name, which is also its
# position for unsafeGetAttrPos ("this also carries over to runtime positions of
# attributes in sets"); Nix 2.8 gave every name of an `inherit` one position.
let
  x = { a = 1; b = 2; };
  s = {
    inherit (x) a
      b;
    inherit x;
  };
  pos = n: let p = builtins.unsafeGetAttrPos n s; in [ p.line p.column ];
in [ (pos "a") (pos "b") (pos "x") ]
