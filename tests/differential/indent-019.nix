''head 
    '''
      ''\n
  #c
    $y
    ''
