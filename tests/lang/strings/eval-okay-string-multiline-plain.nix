"line1
line2
  indented
"
