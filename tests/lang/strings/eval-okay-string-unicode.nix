[ "héllo" "日本" (builtins.stringLength "héllo") (builtins.stringLength "日本") ]
