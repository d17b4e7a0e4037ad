{
  plain = builtins.functionArgs (x: x);
  formals = builtins.functionArgs ({ a, b ? 1, ... }: a);
  at = builtins.functionArgs (args@{ c ? 2 }: args);
  primop = builtins.functionArgs builtins.map;
  partial = builtins.functionArgs (builtins.map (x: x));
  empty = builtins.functionArgs ({}: 1);
}
