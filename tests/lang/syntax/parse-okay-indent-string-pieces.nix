# Indented strings are shown one piece per token of Nix's lexer, empty pieces kept.
x: [
  ''
    ${x}
  ''
  ''a''${x}''
  '''${x}/bin''
  ''''${x}''
  ''a'''${x}b''
  ''a''\nb''\tc''
  ''$''$$x'${x}''
  ''
      a
    ''${x}
  ''
  ''${x}${x}''
]
