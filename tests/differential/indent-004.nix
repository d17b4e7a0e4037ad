''head 
  ${toString 7} end
      ${"i"}
  text
  ''
