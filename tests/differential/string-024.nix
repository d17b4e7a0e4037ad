(builtins.concatStringsSep "\\\${x}\na" [ (builtins.substring 2 4 "") "$ $ a}" ])
