(toString [ (-(25 * 2)) (builtins.substring 0 5 "") null true ])
