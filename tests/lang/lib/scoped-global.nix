toString 1
