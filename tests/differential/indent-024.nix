''
      text
    ''$x
  $y
      ''\n
text
''
