builtins.storePath /tmp
