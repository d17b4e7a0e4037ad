''
  "double" 'single' \n \t
''
