s: [ s.a s."b" s.${"c"} s.a.b.c (s.a or 1) (s.a.b or s.c) ]
