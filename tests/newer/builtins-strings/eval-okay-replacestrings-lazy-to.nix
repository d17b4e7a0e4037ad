# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.16
# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-replaceStrings
# `to` is lazy: a replacement is evaluated only when its pattern in `from` matches
# in the string, so an unused replacement may throw or not even be a string.
[
  (builtins.replaceStrings [ "x" "a" ] [ (throw "to is forced") "A" ] "aa")
  (builtins.replaceStrings [ "a" ] [ (throw "unused") ] "bcd")
  (builtins.replaceStrings [ "z" "b" ] [ 1 "B" ] "abc")
  (builtins.replaceStrings [ "oo" "a" ] [ "a" "i" ] "foobar")
  (builtins.replaceStrings [ "" ] [ "-" ] "ab")
]
