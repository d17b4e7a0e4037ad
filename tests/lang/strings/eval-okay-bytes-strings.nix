# Strings are bytes: a byte that is not UTF-8 (\xb6, \xff, a cut-short sequence)
# is kept, printed and counted as one byte; lengths and offsets count bytes.
let
  raw = "a¶bÃ©";
  file = builtins.readFile ./lib/bytes.txt;
in {
  inherit raw file;
  lengths = map builtins.stringLength [ "Ã©" "¶" raw file "ðŸ˜€" "â‚" ];
  bytes = builtins.genList (i: builtins.substring i 1 "aÃ©â‚¬¶") 8;
  tail = builtins.substring 2 (-1) "Ã©Ã©";
  cut = builtins.stringLength (builtins.substring 0 1 "Ã©");
  joined = (builtins.substring 0 1 "Ã©") + (builtins.substring 1 1 "Ã©") == "Ã©";
  replaced = builtins.replaceStrings [ "" "¶" ] [ "-" "Ã©" ] "aÃ©¶";
  matched = [ (builtins.match "a(.)b.*" raw) (builtins.match "..." "Ã©") (builtins.match "(.)(.)" "Ã©") ];
  split = builtins.split "¶" "x¶y¶";
  concat = builtins.concatStringsSep "¶" [ "Ã©" "ÿ" ];
  hashes = [ (builtins.hashString "sha256" "¶") (builtins.hashString "md5" "Ã©") (builtins.hashFile "sha1" ./lib/bytes.txt) ];
  placeholder = builtins.placeholder "o¶";
  toFile = builtins.toFile "n" "a¶b";
  escaped = "\\ \" \${x} ${"¶"} \t \n ¶$";
  versions = [ (builtins.compareVersions "1¶" "1Ã©") (builtins.splitVersion "1.¶x") (builtins.parseDrvName "a¶-1Ã©") ];
  json = builtins.toJSON { s = raw; "k¶" = "\x01"; cut = "â‚"; surrogate = "í €"; };
  fromJSON = builtins.fromJSON "[\"\\u00e9\", \"Ã©\", \"\\ud83d\\ude00\"]";
  xml = builtins.toXML { s = "\x01¶â‚"; "k¶" = 1; };
}
