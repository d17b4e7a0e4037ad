let p = ./lib/data.txt; in [ (toString p) "${toString ./lib}" (toString ./.) ]
