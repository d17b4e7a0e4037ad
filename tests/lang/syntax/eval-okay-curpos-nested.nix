let f = x: { pos = __curPos; inherit x; }; in
  [ (f 1)
    __curPos ]
