map (a: builtins.hashFile a ./lib/hashme.txt) [ "md5" "sha1" "sha256" "sha512" ]
++ [ (builtins.hashFile "sha256" "${toString ./lib/data.txt}") (builtins.hashString "sha256" (builtins.readFile ./lib/hashme.txt)) ]
