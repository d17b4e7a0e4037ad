# Source: https://nix.dev/manual/nix/2.34/command-ref/conf-file#conf-max-call-depth
# A runaway recursion stops at the default limit with "stack overflow; max-call-depth
# exceeded" (nixeval's default is 2^20 calls, not Nix's 10000: see DIFFERENCES.md).
let f = x: f x; in f 1
