let x = "a¶b"; in
  x + 1 # Ã© â‚
