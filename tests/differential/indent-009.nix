''  
    '''
	${toString 7} end
    ''
