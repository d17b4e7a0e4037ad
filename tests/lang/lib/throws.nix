throw "thrown from lib"
