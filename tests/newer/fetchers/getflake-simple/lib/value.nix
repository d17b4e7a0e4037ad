"from lib"
