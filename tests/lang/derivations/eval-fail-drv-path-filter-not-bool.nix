builtins.path { path = ./lib/drvsrc; filter = p: t: 1; }
