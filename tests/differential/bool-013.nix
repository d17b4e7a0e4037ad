(false && (false || (false == ((builtins.add 32 24) == (builtins.mul ((-26)) 26)))))
