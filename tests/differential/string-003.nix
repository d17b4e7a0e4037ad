(builtins.concatStringsSep "é\\\n" [ (builtins.concatStringsSep "}a\\\"" [ (builtins.substring 0 5 "é") "$ xyz" ]) (builtins.concatStringsSep " \n}\"" [ (builtins.substring 0 5 "b{xyz") "" ]) ])
