# In an indented string a lone quote before `${` is text, after an escape or an
# interpolation too; tree-sitter-nix 0.1.0 fails there (repaired by a space before the quote).
let x = "X"; in [ ''${x}'${x}'' ''''\x'${x}'' ''''$'${x}'' ''a''''${x}'' ''a'${x}'' ]
