let map = "shadowed"; in map
