# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-break
# Source: https://nix.dev/manual/nix/2.34/release-notes/rl-2.9
# Without --debugger, break returns its argument. It is bound globally (as `break`,
# no `__break`) and in builtins.
[
  (break 1)
  (builtins.break "two")
  (builtins.typeOf (break { a = throw "not evaluated deeply"; }))
  (builtins ? break)
  (builtins.typeOf break)
]
