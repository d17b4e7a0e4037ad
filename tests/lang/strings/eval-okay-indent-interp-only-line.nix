let x = ""; in ''
      ${x}
  a
''
