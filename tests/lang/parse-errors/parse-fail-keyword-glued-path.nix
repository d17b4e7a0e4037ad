# Nix's lexer reads a keyword glued to a path (in./x) as one PATH token
let a = 1; in./x
