{
  tz = builtins.getEnv "TZ";
  missing = builtins.getEnv "NIXEVAL_SURELY_NOT_SET_VARIABLE";
  empty-name = builtins.getEnv "";
}
