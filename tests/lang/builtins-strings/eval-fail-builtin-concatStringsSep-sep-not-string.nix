builtins.concatStringsSep 1 [ "a" ]
