with builtins; [ (split "," "a,b,,c") (match "a(b+)c" "abbbc") (match "x" "y") (split "(b)" "abc") ]
