[ (builtins.elemAt [ 1 2 ] 4294967297) (builtins.substring 4294967297 1 "abc") (builtins.substring 0 (-9223372036854775807 - 1) "abc") (builtins.substring 1 9223372036854775807 "abc") ]
