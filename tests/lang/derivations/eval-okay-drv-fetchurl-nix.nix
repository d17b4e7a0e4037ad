let
  fetchurl = import <nix/fetchurl.nix>;
  zero = "0000000000000000000000000000000000000000000000000000";
  ds = [
    (fetchurl { url = "http://example.com/foo.tar.gz"; sha256 = zero; })
    (fetchurl { url = "http://example.com/a"; sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"; })
    (fetchurl { url = "http://example.com/a"; md5 = "d41d8cd98f00b204e9800998ecf8427e"; name = "renamed"; })
    (fetchurl { url = "http://example.com/a"; hash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; unpack = true; })
    (fetchurl { url = "http://example.com/b"; sha512 = "z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="; executable = true; })
  ];
in [ (map (d: [ d.drvPath d.outPath ]) ds) (builtins.functionArgs fetchurl) <nix/fetchurl.nix> ]
