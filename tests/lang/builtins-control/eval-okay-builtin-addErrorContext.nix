{
  ok = builtins.addErrorContext "ctx" 1;
  caught = (builtins.tryEval (builtins.addErrorContext "ctx" (throw "x"))).success;
  lazy-ctx = builtins.addErrorContext (throw "not forced") 2;
}
