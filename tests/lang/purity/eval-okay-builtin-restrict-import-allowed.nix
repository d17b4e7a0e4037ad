[ (import <foo/value.nix>).answer (import <foo/dir>) (builtins.readDir <foo/readdir/sub>) (builtins.pathExists <foo/data.txt>) ]
