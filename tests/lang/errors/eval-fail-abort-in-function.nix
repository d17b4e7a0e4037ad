let f = x: abort "a\nb"; in f 1
