[
  (builtins.attrNames ({ a = { }; zz = [ 1 2 ]; } // { "" = (-8); x = { y = { }; x = { }; zz = true; }; }))
  (({ a = { }; zz = [ 1 2 ]; }).zz or "default")
]
