(builtins.concatStringsSep "é" [ "éé\t" ("$ " + (builtins.substring 1 3 "bb{")) ])
