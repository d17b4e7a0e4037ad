fromTOML "a = 1"
