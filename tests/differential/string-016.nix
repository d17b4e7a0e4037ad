(toString [ (21) "$ " null true ])
