# Paths are cut as Nix's lexer cuts them: a first token (PATH, or a segment right before
# `${`), then text pieces; `//` is allowed once an interpolation follows; `~/${x}` starts a
# home path.
x: [ /b//${x} ./a/${x}//c ./a//${x} ./a/b${x}//c ~/${x}/a ./a/b/${x}/c/d ./${x} /${x} ./a${x} ./a/../b${x} ./a/${x}${x}b/c ]
