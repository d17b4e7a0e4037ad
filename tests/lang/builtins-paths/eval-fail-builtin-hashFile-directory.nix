builtins.hashFile "sha256" ./lib
