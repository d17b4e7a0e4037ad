with builtins; [
  (split "(a)b" "xabyab") (split "," "a,b,,c") (split "x" "") (split "(,)|(;)" "a,b;c")
  (split "a*" "baab")
]
