"${toString 2.5}|${toString 100.0}"
