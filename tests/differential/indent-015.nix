''  
	a b
	${toString 7} end
  ''$x
	a b
    text
  ''
