''head 
      
''\n
      ${toString 7} end
  a b
    ''
