# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-break
# break returns its argument *v*, evaluated: an error in it is raised.
builtins.break (throw "inside break")
