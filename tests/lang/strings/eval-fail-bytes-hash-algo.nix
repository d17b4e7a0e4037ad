builtins.hashString "sh¶256" "x"
