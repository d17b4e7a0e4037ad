(builtins.concatStringsSep "" [ (" é$ " + (toString [ ((-14)) "''" null true ])) "\"" ])
