[
  (({ b = 1.5; a = true; zz = 31; }).missing or "default")
  ({ b = 1.5; a = true; zz = 31; } // { x = null; y = "\\"; })
]
