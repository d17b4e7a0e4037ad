import <here/lib/double.nix> 4
