(builtins.substring 0 3 (builtins.substring 1 1 (toString [ ((builtins.mul ((-19)) 26)) "''" null true ])))
