with builtins; [
  (trace "a string" 1)
  (trace 42 2)
  (trace [ 1 "x" ] 3)
  (trace { a = 1; b = throw "lazy"; } 4)
  (trace null 5)
  (trace true 6)
  (trace 1.5 7)
  (trace (x: x) 8)
  (trace "multi\nline" 9)
  (trace ./. 10)
  (trace "" 11)
]
