builtins.bitXor "1" 1
