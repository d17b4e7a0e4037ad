{
  basic = builtins.mapAttrs (n: v: n + toString v) { a = 1; b = 2; };
  lazy = builtins.attrNames (builtins.mapAttrs (n: v: throw "x") { a = 1; });
  lazy-fn = builtins.attrNames (builtins.mapAttrs (throw "f") { a = 1; });
  empty = builtins.mapAttrs (throw "f") { };
}
