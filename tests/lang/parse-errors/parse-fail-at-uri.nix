# after '@' Nix's lexer reads x:1 as a URI, not a name
{ }@x:1
