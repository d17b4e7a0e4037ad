import <foo/../eval-okay-builtin-length.nix>
