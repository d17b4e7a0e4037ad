''head 
${toString 7} end
  ''
