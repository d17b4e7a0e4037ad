map (a: builtins.hashString a "abc") [ "md5" "sha1" "sha256" "sha512" ] ++ [ (builtins.hashString "md5" "") (builtins.hashString "sha1" "é") ]
