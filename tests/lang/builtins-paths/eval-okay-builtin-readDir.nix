{
  dir = builtins.readDir ./lib/readdir;
  sub = builtins.readDir ./lib/readdir/sub;
  via-string = builtins.readDir (toString ./lib/readdir/sub);
  via-dirlink = builtins.readDir ./lib/readdir/dirlink;
}
