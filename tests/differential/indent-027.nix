''head 
      a b
  a b
    ''$x
  ${"i"}
	text
  ${"i"}
''
