with builtins; {
  length-map = length (map throw [ 1 2 ]);
  names = attrNames { a = throw "x"; };
  genlist = length (genList (x: throw "x") 5);
  head-lazy = head [ 1 (throw "x") ];
  tail-lazy = length (tail [ (throw "x") (throw "y") ]);
  concat-lazy = length ([ (throw "a") ] ++ [ (throw "b") ]);
  functionArgs-lazy = functionArgs ({ a ? throw "x" }: a);
  typeOf-thunk = typeOf (map throw [ ]);
  removeAttrs-lazy = attrNames (removeAttrs { a = throw "x"; b = 1; } [ "b" ]);
  isAttrs-lazy = isAttrs { a = throw "x"; };
}
