''head 
  ${"i"}
      ${toString 7} end
    $y
    #c
  ''$x
  a b
''
