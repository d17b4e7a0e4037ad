''
  a ''\n  b
   c ''\t
''
