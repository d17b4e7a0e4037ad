builtins.substring 0 2.0 "abc"
