# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-readFileType
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.14
# The type of the node itself: symlinks are not followed (a broken one included);
# a device is "unknown". A string naming an absolute path works as a path does.
with builtins; {
  file = readFileType ./lib/readfiletype/file.txt;
  dir = readFileType ./lib/readfiletype/sub;
  link = readFileType ./lib/readfiletype/link;
  dirlink = readFileType ./lib/readfiletype/dirlink;
  broken = readFileType ./lib/readfiletype/broken;
  string = readFileType (toString ./lib/readfiletype/file.txt);
  device = readFileType /dev/null;
  # the same names as readDir gives
  same = mapAttrs (n: t: readFileType (./lib/readfiletype + "/${n}") == t) (readDir ./lib/readfiletype);
}
