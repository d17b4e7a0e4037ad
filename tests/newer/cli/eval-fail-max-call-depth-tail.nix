# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-max-call-depth
# Nix has no tail calls: a call in tail position nests, so it counts towards the depth.
let f = n: if n == 0 then 0 else f (n - 1); in f 1000
