"""nixeval: a Nix expression-language evaluator in Python."""
