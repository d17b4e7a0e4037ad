''head 
  ${toString 7} end
      a b
      '''
  ''
