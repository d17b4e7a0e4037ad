# trace output is filtered as Nix filters log lines (nixpkgs lib.warn colours its prefix)
builtins.trace "[1;35mevaluation warning:[0m a\tb\rc ]0;t d(B e\n\tx" 1
