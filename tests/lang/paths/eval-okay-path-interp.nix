let b = "bee"; in [ ./a/${b} ./a/${b}/c ./${b}.nix /x/${"y"} ]
