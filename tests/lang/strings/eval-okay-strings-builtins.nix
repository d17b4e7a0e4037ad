with builtins; [ (stringLength "abc") (substring 1 2 "abcdef") (substring 4 10 "abcdef") (concatStringsSep ", " [ "a" "b" "c" ]) (replaceStrings [ "a" "b" ] [ "A" "" ] "abcab") ]
