{
  data = builtins.readFile ./lib/data.txt;
  utf8 = builtins.readFile ./lib/hashme.txt;
  len = builtins.stringLength (builtins.readFile ./lib/hashme.txt);
  string-path = builtins.readFile "${toString ./lib/data.txt}";
  via-symlink = builtins.readFile ./lib/readdir/link;
  ctx = builtins.hasContext (builtins.readFile ./lib/data.txt);
}
