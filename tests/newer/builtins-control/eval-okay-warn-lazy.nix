# Source: https://nix.dev/manual/nix/2.34/language/builtins#builtins-warn
# The second argument is returned as it is: warn does not evaluate it deeply, and a
# warn that is never evaluated prints nothing.
let x = builtins.warn "unused" 1; in
builtins.typeOf (builtins.warn "w" { a = throw "not evaluated"; })
