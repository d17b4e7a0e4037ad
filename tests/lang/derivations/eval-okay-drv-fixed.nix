let
  mk = name: attrs: derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; } // attrs);
  empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  ds = {
    flat-base16 = mk "flat16" { outputHash = empty; outputHashAlgo = "sha256"; };
    flat-base32 = mk "flat32" { outputHash = "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"; outputHashAlgo = "sha256"; };
    flat-sri = mk "flatsri" { outputHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; };
    flat-prefixed = mk "flatpre" { outputHash = "sha256:${empty}"; };
    flat-base64 = mk "flat64" { outputHash = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; outputHashAlgo = "sha256"; };
    rec-sha256 = mk "rec" { outputHash = empty; outputHashAlgo = "sha256"; outputHashMode = "recursive"; };
    flat-sha1 = mk "sha1" { outputHash = "da39a3ee5e6b4b0d3255bfef95601890afd80709"; outputHashAlgo = "sha1"; };
    rec-sha1 = mk "rsha1" { outputHash = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="; outputHashMode = "recursive"; };
    flat-md5 = mk "md5" { outputHash = "d41d8cd98f00b204e9800998ecf8427e"; outputHashAlgo = "md5"; };
    rec-sha512 = mk "sha512" { outputHash = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="; outputHashMode = "recursive"; };
    fixed-with-deps = mk "deps" { outputHash = empty; outputHashAlgo = "sha256"; src = mk "dep" { }; };
  };
  # A fixed-output input: the dependant's output path depends only on its output.
  user = h: mk "user" { src = mk "fetch" { outputHash = empty; outputHashAlgo = "sha256"; how = h; }; };
in {
  paths = builtins.mapAttrs (n: d: [ d.drvPath d.outPath ]) ds;
  userOut = [ (user "a").outPath (user "b").outPath ];
  userDrv = [ (user "a").drvPath (user "b").drvPath ];
}
