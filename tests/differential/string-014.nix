(builtins.concatStringsSep "\"" [ (builtins.concatStringsSep "" [ (toString [ (39 + (-10)) "}" null true ]) (builtins.substring 3 1 "") ]) "<${("" + "")}|${toString (42)}>" ])
