''head 
  #c
	''\n
    ''
