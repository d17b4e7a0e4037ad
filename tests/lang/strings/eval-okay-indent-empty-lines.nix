''
  a

  b
    
  c
''
