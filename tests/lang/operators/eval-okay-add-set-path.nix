# `+` copies a path to the store only when its left operand is a string: a derivation
# plus a path appends the path's text (nixpkgs' profont: `fetchzip { ... } + /profont-x11`).
[ ({ outPath = "/x"; } + /profont-x11) ({ __toString = s: "T"; } + /a/b) ({ outPath = "/x"; } + "y") ("a" + { outPath = "/q"; }) ]
