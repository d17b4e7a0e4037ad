[
  (builtins.attrNames ({ c = [ 1 2 ]; zz = { a = { zz = 1.5; }; c = true; }; y = { "" = { y = 1.5; b = "éa\t\\"; a = true; }; y = [ 1 2 ]; }; } // { }))
  ({ c = [ 1 2 ]; zz = { a = { zz = 1.5; }; c = true; }; y = { "" = { y = 1.5; b = "éa\t\\"; a = true; }; y = [ 1 2 ]; }; } // { })
  (builtins.listToAttrs [ { name = "missing"; value = " b}b"; } { name = "k"; value = ({ c = [ 1 2 ]; zz = { a = { zz = 1.5; }; c = true; }; y = { "" = { y = 1.5; b = "éa\t\\"; a = true; }; y = [ 1 2 ]; }; }); } ])
  (({ c = [ 1 2 ]; zz = { a = { zz = 1.5; }; c = true; }; y = { "" = { y = 1.5; b = "éa\t\\"; a = true; }; y = [ 1 2 ]; }; }).missing or "default")
  (({ c = [ 1 2 ]; zz = { a = { zz = 1.5; }; c = true; }; y = { "" = { y = 1.5; b = "éa\t\\"; a = true; }; y = [ 1 2 ]; }; }) ? missing)
]
