builtins.hashFile "sha3" ./lib/hashme.txt
