{
  basic = builtins.concatStringsSep ", " [ "a" "b" "c" ];
  empty = builtins.concatStringsSep "," [ ];
  one = builtins.concatStringsSep "," [ "x" ];
  empty-sep = builtins.concatStringsSep "" [ "a" "b" ];
  paths = builtins.concatStringsSep ":" [ "a" { outPath = "o"; } ];
  empties = builtins.concatStringsSep "-" [ "" "" ];
}
