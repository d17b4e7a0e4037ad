builtins.genericClosure { startSet = [ ]; operator = throw "operator is forced"; }
