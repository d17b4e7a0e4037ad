builtins.fromTOML ''
  a = 1
  b = "s"
  [t]
  c = [ 1, 2 ]
  d.e = true
  [[arr]]
  x = 1.5
''
