builtins.hashFile "sha256" "lib/hashme.txt"
