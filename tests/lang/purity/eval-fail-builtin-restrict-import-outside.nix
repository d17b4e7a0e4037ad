import <foo/../eval-fail-builtin-restrict-import-outside.nix>
