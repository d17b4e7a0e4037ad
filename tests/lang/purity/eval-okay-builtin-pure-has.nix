map (n: builtins.hasAttr n builtins) [ "currentSystem" "currentTime" "nixPath" "getEnv" "storeDir" "nixVersion" ]
