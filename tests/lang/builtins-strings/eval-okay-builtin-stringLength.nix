{
  ascii = builtins.stringLength "abc";
  empty = builtins.stringLength "";
  utf8 = builtins.stringLength "é";
  emoji = builtins.stringLength "😀";
  set = builtins.stringLength { outPath = "abcd"; };
  interp = builtins.stringLength "${"ab"}c";
}
