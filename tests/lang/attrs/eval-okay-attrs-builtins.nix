let s = { b = 2; a = 1; c = 3; }; in with builtins; [ (attrNames s) (attrValues s) (hasAttr "a" s) (hasAttr "z" s) (getAttr "c" s) (length (attrNames { })) ]
