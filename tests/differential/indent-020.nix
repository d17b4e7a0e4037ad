''head 
      text
      

    #c
  
''$x
''
