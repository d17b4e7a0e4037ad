# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-max-call-depth
# A recursion shallower than the limit evaluates (the flag form `--max-call-depth N`).
let f = n: if n == 0 then 0 else 1 + f (n - 1); in f 30
