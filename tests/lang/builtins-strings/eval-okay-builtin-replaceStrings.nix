{
  basic = builtins.replaceStrings [ "a" ] [ "b" ] "banana";
  multi = builtins.replaceStrings [ "an" "a" ] [ "AN" "A" ] "banana";
  order = builtins.replaceStrings [ "a" "an" ] [ "A" "AN" ] "banana";
  empty-pat = builtins.replaceStrings [ "" ] [ "-" ] "abc";
  empty-pat-empty = builtins.replaceStrings [ "" ] [ "-" ] "";
  empty-then-other = builtins.replaceStrings [ "b" "" ] [ "B" "-" ] "abc";
  none = builtins.replaceStrings [ ] [ ] "abc";
  grow = builtins.replaceStrings [ "a" ] [ "aa" ] "aaa";
  utf8 = builtins.replaceStrings [ "é" ] [ "e" ] "café";
  empty-utf8 = builtins.replaceStrings [ "" ] [ "." ] "é";
  to-empty = builtins.replaceStrings [ "a" ] [ "" ] "banana";
}
