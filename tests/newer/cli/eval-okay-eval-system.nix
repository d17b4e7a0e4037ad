# Source: https://nix.dev/manual/nix/2.35/command-ref/conf-file#conf-eval-system
# (Nix 2.20, rl-2.20: "eval-system: ... builtins.currentSystem ... If set to an empty
# string, the system setting is used instead"): it wins over `system`.
builtins.currentSystem
