with builtins; {
  system = typeOf currentSystem;
  time = typeOf currentTime;
  version = typeOf nixVersion;
  lang = langVersion;
  store = storeDir;
  global-sys = typeOf __currentSystem;
  global-time = typeOf __currentTime;
  global-version = typeOf __nixVersion;
  global-lang = __langVersion;
  global-store = __storeDir;
  has = map (n: hasAttr n builtins) [ "currentSystem" "currentTime" "nixPath" "storeDir" ];
}
