''
  a b
    #c
  ${toString 7} end
  ${toString 7} end
    ${toString 7} end
    ''
