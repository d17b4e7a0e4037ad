null 1
