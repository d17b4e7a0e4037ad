((toString [ (50 + (-10)) "" null true ]) + "$ ")
