let x = "foo\nbar"; in ''
    ${x}
  baz
''
