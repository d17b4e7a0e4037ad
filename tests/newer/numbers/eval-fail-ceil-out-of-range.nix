# Source: https://nix.dev/manual/nix/2.35/language/builtins#builtins-ceil ("Converts an
# IEEE-754 double-precision floating-point number (double) to the next higher integer");
# since Nix 2.29 a result outside the 64-bit range is an error, "NixFloat argument
# <value> is not in the range of NixInt" (Nix 2.8 returned -9223372036854775808).
builtins.ceil 1.0e30
