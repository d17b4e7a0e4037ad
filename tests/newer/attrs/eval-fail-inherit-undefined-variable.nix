# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.21
# Source: https://github.com/NixOS/nix/commit/1edd6fada53553b89847ac3981ac28025857ca02
# The variable `inherit zz;` reads is placed at its name (Nix >= 2.21); Nix 2.8
# reported it at the end of the token before the bindings.
{
  inherit
    zz;
}
