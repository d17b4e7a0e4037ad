''head 
    
    ''\n
  ''\n
    ''
