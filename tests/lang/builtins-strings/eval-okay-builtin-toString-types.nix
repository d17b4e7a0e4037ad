[
  (toString 1) (toString (-5)) (toString 1.5) (toString 0.1) (toString 1.0e20) (toString 123456.789)
  (toString true) (toString false) (toString null) (toString "s")
  (toString [ 1 "a" [ 2 3 ] null true [ ] 4 ]) (toString [ ]) (toString [ [ ] [ ] ])
  (toString /tmp/foo) (toString { outPath = "/x"; }) (toString { __toString = s: "ts"; })
  (toString [ [ ] 1 ]) (toString [ 1 [ ] ]) (toString [ null null ])
  (builtins.toString 2)
]
