# Source: https://nix.dev/manual/nix/2.34/development/experimental-features#xp-feature-pipe-operators
# (the operators need the `pipe-operators` experimental feature); the message is that
# of Nix's lexer when it reads `|>` or `<|` without it (src/libexpr/lexer.l,
# requireExperimentalFeature: a parse error at the operator's position).
# Undefined variables are found after parsing: the operator fails first.
nope |> builtins.typeOf
