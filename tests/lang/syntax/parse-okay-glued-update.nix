# `//` glued to the operands: Nix's lexer reads X, then `//` (a path needs a path
# character after every slash); tree-sitter-nix 0.1.0 reads one path token.
a: b: [ (a//b) (a//b.c) (a.b//b) (a//b//a) (a//b/c) (a//b:c) (1//2) (a//-b) (a//./b) ({ x = a//b; }.x) (f: f a//b) ]
