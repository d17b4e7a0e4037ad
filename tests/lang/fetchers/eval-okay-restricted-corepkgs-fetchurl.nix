(import <nix/fetchurl.nix> { url = "https://example.org/x"; sha256 = "0000000000000000000000000000000000000000000000000000"; }).name
