builtins.tryEval { a = throw "lazy until printed"; }
