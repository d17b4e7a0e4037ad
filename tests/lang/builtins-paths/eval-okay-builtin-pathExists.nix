with builtins; {
  file = pathExists ./lib/data.txt;
  dir = pathExists ./lib;
  missing = pathExists ./lib/no-such-file;
  string = pathExists (toString ./lib/data.txt);
  broken-link = pathExists ./lib/readdir/broken;
  link = pathExists ./lib/readdir/link;
  trailing-slash = pathExists "${toString ./lib}/";
  file-slash = pathExists "${toString ./lib/data.txt}/";
  dot = pathExists "${toString ./lib}/./data.txt";
}
