''
  hello
    world
  end
''
