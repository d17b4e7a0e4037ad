[ (import ./lib/formals.nix { b = 2; }) (import ./lib/formals.nix { a = 10; b = 2; }) ]
