[ "# not a comment" "/* nor this */" ''
  # kept
  /* kept */
'' ]
