# Paths with interpolations as Nix's lexer cuts them: `//` allowed once an interpolation
# follows, `~/${x}` starts a home path.
let x = "abc"; in [ (baseNameOf ~/${x}) (baseNameOf /b//${x}) (toString /b//${x}/c) (toString /a/${x}//c) (baseNameOf ./a//${x}) ]
