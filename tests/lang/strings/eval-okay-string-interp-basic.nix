let name = "world"; n = "3"; in "hello ${name}, ${n} times"
