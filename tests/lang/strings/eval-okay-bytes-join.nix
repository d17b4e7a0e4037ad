# Joining the bytes of a character cut apart gives the character back: equal bytes
# are equal strings, whichever way they were put together.
let
  e = "é";
  a = builtins.substring 0 1 e;
  b = builtins.substring 1 1 e;
  chars = s: builtins.genList (i: builtins.substring i 1 s) (builtins.stringLength s);
  euro = "€";
  x = builtins.substring 0 2 euro;
  y = builtins.substring 2 1 euro;
in {
  plus = a + b == e;
  interp = "${a}${b}" == e;
  interpLong = "<${a}${b}>" == "<é>";
  concat = builtins.concatStringsSep "" (chars "aé€😀b") == "aé€😀b";
  three = builtins.concatStringsSep "" [ (builtins.substring 0 1 euro) (builtins.substring 1 1 euro) y ] == euro;
  two = x + y == euro;
  fold = builtins.foldl' (acc: c: acc + c) "" (chars "€é") == "€é";
  attr = { "é" = 1; }.${a + b};
  names = builtins.listToAttrs [ { name = a + b; value = 1; } { name = "é"; value = 2; } ];
  hasAttr = builtins.hasAttr (a + b) { "é" = 1; };
  list = builtins.elem (a + b) [ "é" ];
  less = [ (a + b < "é") ("é" < a + b) (a < e) ];
  len = builtins.stringLength (a + b);
  tostr = toString [ a b ];
  printed = [ (a + b) "${a}x${b}" (b + a) ];
  lone = a + "x" + b;
  json = builtins.toJSON (a + b);
  unsplit = builtins.fromJSON (builtins.toJSON (a + b)) == e;
}
