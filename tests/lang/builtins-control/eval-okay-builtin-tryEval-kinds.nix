with builtins; {
  ok = tryEval 1;
  thrown = tryEval (throw "x");
  assert-fail = tryEval (assert false; 1);
  nested-thrown = tryEval (let x = throw "y"; in x + 1);
  shallow = (tryEval { a = throw "x"; }).success;
  list = (tryEval [ (throw "x") ]).success;
  fn = (tryEval (x: x)).success;
  catch-in-map = map (x: (tryEval x).success) [ 1 (throw "a") ];
  deep = (tryEval (deepSeq [ (throw "x") ] 1)).success;
}
