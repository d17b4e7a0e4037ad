(builtins.substring 2 3 (toString [ (11 / 6) ("" + "") null true ]))
