let x = "    spaces"; in ''
  ${x}
  y
''
