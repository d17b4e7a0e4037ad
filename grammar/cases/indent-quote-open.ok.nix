# A quote right after an indented string's opening `''` is text (`'''${x}` is `''`, `'`, `${x}`);
# tree-sitter-nix 0.1.0 reads `'''` as one token there.
let x = "X"; in [ '''${x}/bin'' ''''${x}'' ''a'''${x}'' ''' '' ]
