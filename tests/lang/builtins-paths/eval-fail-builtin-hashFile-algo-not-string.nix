builtins.hashFile 1 ./lib/hashme.txt
