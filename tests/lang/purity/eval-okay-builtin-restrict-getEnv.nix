builtins.getEnv "TZ"
