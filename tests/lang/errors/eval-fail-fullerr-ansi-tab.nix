# error output is filtered as Nix filters log output: escapes dropped, tabs expanded
throw "x\ty\rz[1mB[0m\n\tw"
