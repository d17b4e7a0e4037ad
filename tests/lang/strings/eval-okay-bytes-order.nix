# Strings and attribute names are ordered by their bytes: \xb6 (a lone byte) sorts
# before \xc3\xa9, and \xff after U+F000.
let names = [ "¶" "Ã©" "ï€€" "ÿ" "a" "x¶" "xÃ©" ];
in {
  set = { "¶" = 1; "Ã©" = 2; "ï€€" = 3; "ÿ" = 4; a = 5; };
  attrNames = builtins.attrNames (builtins.listToAttrs (map (n: { name = n; value = n; }) names));
  attrValues = builtins.attrValues { "x¶" = 1; "xÃ©" = 2; };
  sorted = builtins.sort builtins.lessThan names;
  sortedOp = builtins.sort (a: b: a < b) names;
  less = [ ("¶" < "Ã©") ("a¶" < "aÃ©") ("ÿ" < "ï€€") ("x" < "¶") ("¶" > "x") ("¶" <= "Ã©") ];
  drvPath = (derivation { name = "x"; system = "s"; builder = "/b¶"; "x¶" = "1"; "xÃ©" = "¶"; }).drvPath;
  json = builtins.toJSON { "x¶" = 1; "xÃ©" = 2; };
}
