''head 
	''$x
	a b
${toString 7} end
''
