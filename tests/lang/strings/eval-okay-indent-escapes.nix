''
  a ''$ b
  c ''' d
  e ''\n f
  g ''\t h
  i ''\r j
  k ''\\ l
  m ''\x n
''
