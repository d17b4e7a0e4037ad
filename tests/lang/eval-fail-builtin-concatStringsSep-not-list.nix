builtins.concatStringsSep "," "a"
