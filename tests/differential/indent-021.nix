''head 
  $y
  a b
${"i"}
  #c
''
