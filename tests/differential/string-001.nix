"<${(builtins.substring 3 5 (builtins.substring 1 2 "é$ }"))}|${toString (20 + 32)}>"
