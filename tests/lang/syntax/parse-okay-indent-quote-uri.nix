# a quote before ${ after an escape, inside a string tree-sitter cannot build at all
x: ''a''''${a:x x}''
