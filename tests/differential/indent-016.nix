''
      text
''
