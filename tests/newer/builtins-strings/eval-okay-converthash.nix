# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-convertHash
# Source: https://nix.dev/manual/nix/2.34/command-ref/new-cli/nix3-hash-convert
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.19
# The manual's examples, then every encoding to every other for the hashes of the
# `nix hash convert` page (sha1, sha256) and the empty string's md5 and sha512.
# hashAlgo is optional for SRI and `algo:` inputs; the input format is detected.
let
  c = hash: toHashFormat: builtins.convertHash { inherit hash toHashFormat; };
  ca = hashAlgo: hash: toHashFormat: builtins.convertHash { inherit hash hashAlgo toHashFormat; };
  all = algo: forms: map (from: map (to: ca algo forms.${from} to) [ "base16" "nix32" "base64" "sri" ]) [ "base16" "nix32" "base64" "sri" ];
in {
  manual = [
    (builtins.convertHash { hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; toHashFormat = "sri"; hashAlgo = "sha256"; })
    (builtins.convertHash { hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; toHashFormat = "base16"; })
    (builtins.convertHash { hash = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; toHashFormat = "sri"; })
  ];
  hashConvertPage = [
    (ca "sha1" "800d59cfcd3c05e900cb4e214be48f6b886a08df" "nix32")
    (ca "sha1" "800d59cfcd3c05e900cb4e214be48f6b886a08df" "sri")
    (ca "sha256" "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s" "sri")
  ];
  sha1 = all "sha1" { base16 = "800d59cfcd3c05e900cb4e214be48f6b886a08df"; nix32 = "vw46m23bizj4n8afrc0fj19wrp7mj3c0"; base64 = "gA1Zz808BekAy04hS+SPa4hqCN8="; sri = "sha1-gA1Zz808BekAy04hS+SPa4hqCN8="; };
  sha256 = all "sha256" { base16 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; nix32 = "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s"; base64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="; sri = "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="; };
  md5 = all "md5" { base16 = "d41d8cd98f00b204e9800998ecf8427e"; nix32 = "3y8bwfr609h3lh9ch0izcqq7fl"; base64 = "1B2M2Y8AsgTpgAmY7PhCfg=="; sri = "md5-1B2M2Y8AsgTpgAmY7PhCfg=="; };
  sha512 = map (to: c "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==" to) [ "base16" "nix32" "base64" "sri" ];
  # prefixed inputs without hashAlgo; uppercase base-16 is read; hashAlgo agreeing with the prefix
  prefixed = [
    (c "sha1:vw46m23bizj4n8afrc0fj19wrp7mj3c0" "base16")
    (c "sha1:gA1Zz808BekAy04hS+SPa4hqCN8=" "base16")
    (c "md5:D41D8CD98F00B204E9800998ECF8427E" "nix32")
    (ca "sha1" "sha1:800d59cfcd3c05e900cb4e214be48f6b886a08df" "base64")
    (ca "sha256" "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=" "nix32")
  ];
}
