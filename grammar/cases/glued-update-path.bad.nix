# a // after a full path segment is a path with a trailing slash to Nix too
a: b: a//b/c//d
