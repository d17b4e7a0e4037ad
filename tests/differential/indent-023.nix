''head 
  text
	#c
''
