# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-max-call-depth
# ("max-call-depth: The maximum function call depth to allow before erroring"; Nix 2.20).
# The error is Nix's "stack overflow; max-call-depth exceeded".
let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 1000
