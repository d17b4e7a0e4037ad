[ (map (n: builtins.hasAttr n builtins) [ "currentSystem" "currentTime" "nixPath" ]) (builtins.typeOf builtins.currentTime) ]
