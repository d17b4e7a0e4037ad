[ ("/prefix" + "/x") (builtins.typeOf ("a" + ./lib/data.txt)) ("a" + ./lib/data.txt) ]
